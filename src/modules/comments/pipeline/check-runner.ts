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
import { LocalScorer, ScoreOutcome, scoreWithTimeout } from './scorer/scorer';

export interface CheckRun extends PipelineResult {
  scorer: ScoreOutcome | null;
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
  private readonly scorer = new LocalScorer();

  constructor(
    private readonly comments: CommentsRepository,
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
    const [gathered, words, score] = await Promise.all([
      this.comments.postingContext(articleIdOrSlug, isUuid(articleIdOrSlug), author.id, body, settings.repeatWindowSeconds, excludeCommentId),
      this.words.match(body),
      settings.scorer === 'off' ? Promise.resolve(null) : scoreWithTimeout(this.scorer, body, settings.scorerTimeoutMs),
    ]);
    const { article, history } = gathered;
    if (!article) throw articleError('ARTICLE_NOT_FOUND', `No article "${articleIdOrSlug}".`);
    if (score && score.status !== 'ok') this.logger.warn(`scorer ${score.provider} ${score.status} after ${score.ms} ms; posting goes on`);
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
      score,
      settings,
    };
    const result = runPipeline(ctx);
    this.count(excludeCommentId === null ? 'post' : 'edit', result, score);
    return { ...result, scorer: score, article };
  }

  private count(action: 'post' | 'edit', result: PipelineResult, score: ScoreOutcome | null): void {
    this.metrics.checkOutcomes.inc({ action, outcome: result.refuse ? 'refused' : result.status });
    for (const reason of result.reasons) this.metrics.checkReasons.inc({ reason });
    if (score) this.metrics.scorerOutcomes.inc({ provider: score.provider, status: score.status });
  }
}
