import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUuid } from '../../../common/http/parse-uuid.pipe';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { articleError } from '../../articles/articles.errors';
import { commentsOpenAt } from '../../articles/articles.mapper';
import type { CommentSettingsRow } from '../../articles/articles.repository';
import { MetricsService } from '../../metrics/metrics.service';
import { WordListsService } from '../../wordlists/wordlists.service';
import { commentError } from '../comments.errors';
import { CommentsRepository } from '../comments.repository';
import type { CheckContext } from './check-context';
import { lengthRefusal } from './phases';
import { containsLink, PipelineResult, runPipeline } from './pipeline';
import { ScoreOutcome } from './scorer/scorer';
import { ScorerSet, scorersFor } from './scorer/scorer-set';

export interface CheckRun extends PipelineResult {
  /** Every scorer's outcome, recorded with the revision (empty when scoring is off). */
  scores: ScoreOutcome[];
  /** The article's comment settings, as read for the checks. */
  article: CommentSettingsRow;
}

/**
 * Gathers what the posting checks need (one statement: the article's settings and the author's
 * history) and runs them. An unknown article is a 404 before any check.
 */
@Injectable()
export class CheckRunner {
  private readonly logger = new Logger(CheckRunner.name);

  constructor(
    private readonly comments: CommentsRepository,
    private readonly scorers: ScorerSet,
    private readonly words: WordListsService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(
    body: string,
    length: number,
    articleIdOrSlug: string,
    author: { id: string; premoderated: boolean },
    excludeCommentId: string | null,
  ): Promise<CheckRun> {
    // Refused before anything is gathered: the word matcher, the link test and the scorer all
    // cost more the longer the text, and BODY_LIMIT allows
    // hundreds of KB. (A 250,000-character body used to run every check before being refused.)
    const tooLong = lengthRefusal(length, this.config.commentMaxLength);
    if (tooLong) throw commentError(tooLong.code, tooLong.message, { errors: [{ field: 'body', message: tooLong.message }] });
    const settings = this.config.moderation;
    const [gathered, words] = await Promise.all([
      this.comments.postingContext(articleIdOrSlug, isUuid(articleIdOrSlug), author.id, body, settings.repeatWindowSeconds, excludeCommentId),
      this.words.match(body),
    ]);
    const { article, history } = gathered;
    if (!article) throw articleError('ARTICLE_NOT_FOUND', `No article "${articleIdOrSlug}".`);
    // After the article is read: it (or its section) may name its own scorers. Each has its own time limit and breaker.
    const scores = await this.scorers.score(body, scorersFor(article, settings));
    for (const s of scores) if (s.status !== 'ok') this.logger.warn(`scorer ${s.provider} ${s.status} after ${s.ms} ms (${s.error ?? ''}); posting goes on`);
    const open = commentsOpenAt(article, new Date());
    const ctx: CheckContext = {
      body,
      length,
      maxLength: this.config.commentMaxLength,
      article: {
        open,
        closedReason: open ? null : article.commentsOpen ? `closed at ${article.commentsCloseAt?.toISOString()}` : 'closed by the editors',
        moderationMode: article.moderationMode,
        holdLinks: article.holdLinks,
      },
      author: { premoderated: author.premoderated, ...history },
      words,
      hasLinks: containsLink(body),
      scores,
      settings,
    };
    const result = runPipeline(ctx);
    this.count(excludeCommentId === null ? 'post' : 'edit', result, scores);
    return { ...result, scores, article };
  }

  private count(action: 'post' | 'edit', result: PipelineResult, scores: ScoreOutcome[]): void {
    this.metrics.checkOutcomes.inc({ action, outcome: result.refuse ? 'refused' : result.status });
    for (const reason of result.reasons) this.metrics.checkReasons.inc({ reason });
    for (const s of scores) this.metrics.scorerOutcomes.inc({ provider: s.provider, status: s.status });
  }
}
