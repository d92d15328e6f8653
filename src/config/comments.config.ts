import { EnvReader } from './env-reader';

/** Read by the comments module (posting, editing, thread pages). */
export interface CommentSettings {
  /** Longest comment body, in characters (code points) after trimming. */
  readonly commentMaxLength: number;
  /** Authors may edit a comment for this long after posting. */
  readonly commentEditWindowSeconds: number;
  /** Replies shown inline under a comment on a thread page: levels deep, and how many in all. */
  readonly threadReplyDepth: number;
  readonly threadRepliesPerComment: number;
}

export function readCommentSettings(r: EnvReader): CommentSettings {
  return {
    commentMaxLength: r.int('COMMENT_MAX_LENGTH', 10000, 1, 100000),
    commentEditWindowSeconds: r.int('COMMENT_EDIT_WINDOW_SECONDS', 300, 0, 86400),
    threadReplyDepth: r.int('THREAD_REPLY_DEPTH', 3, 0, 10),
    threadRepliesPerComment: r.int('THREAD_REPLIES_PER_COMMENT', 5, 0, 50),
  };
}
