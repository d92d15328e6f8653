import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { WordListsService } from '../../wordlists/wordlists.service';
import type { CommentSettingsRow } from '../../articles/articles.repository';
import { commentsOpenAt } from '../../articles/articles.mapper';
import { CommentsRepository } from '../comments.repository';
import type { CheckContext } from './check-context';
import { containsLink, PipelineResult, runPipeline } from './pipeline';
import { LocalSpamScorer, ScoreOutcome, scoreWithTimeout } from './scorer/scorer';

export interface CheckRun extends PipelineResult {
  scorer: ScoreOutcome | null;
}

/** Gathers what the posting checks need (one query for the author's history) and runs them. */
@Injectable()
export class CheckRunner {
  private readonly logger = new Logger(CheckRunner.name);
  private readonly scorer = new LocalSpamScorer();

  constructor(
    private readonly comments: CommentsRepository,
    private readonly words: WordListsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(
    body: string,
    length: number,
    article: CommentSettingsRow,
    author: { id: string; premoderated: boolean },
    excludeCommentId: string | null,
  ): Promise<CheckRun> {
    const settings = this.config.moderation;
    const [history, words, score] = await Promise.all([
      this.comments.authorHistory(author.id, body, settings.repeatWindowSeconds, excludeCommentId),
      this.words.match(body),
      settings.scorer === 'off' ? Promise.resolve(null) : scoreWithTimeout(this.scorer, body, settings.scorerTimeoutMs),
    ]);
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
    return { ...runPipeline(ctx), scorer: score };
  }
}
