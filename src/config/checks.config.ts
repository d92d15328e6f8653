import { EnvReader } from './env-reader';

/** The posting checks: read by comments/pipeline, and by the word lists for the starter list. */
export interface CheckSettings {
  /** Hold comments of authors with fewer approved comments than this; 0 = off. */
  newCommenterApprovedComments: number;
  /** Comments with links are held for authors with fewer approved comments than this. */
  linksTrustedAfterApproved: number;
  /** Suspect words: hold the comment, or publish it with a system flag. */
  suspectWordsAction: 'hold' | 'flag';
  /** The optional starter word list (naughty-words, less what news needs): off, or the kind its entries get. */
  starterWords: 'off' | 'SUSPECT' | 'BANNED';
  /** Same author, same text within this many seconds: withheld as a repeat. */
  repeatWindowSeconds: number;
  /** Withhold when at least this share of the author's decided comments in 7 days were rejected. */
  historyRejectionRate: number;
  historyMinDecided: number;
  /** The local models' thresholds (remote providers have their own, in scorers.config.ts). Withhold when the spam probability is at least this. */
  spamThreshold: number;
  /** Publish with a system flag (for review) when the spam probability is at least this; 0 = off. */
  spamFlagThreshold: number;
  /** Withhold when the abuse probability is at least this. */
  abuseHoldThreshold: number;
  /** Publish with a system flag (for review) when the abuse probability is at least this; 0 = off. */
  abuseFlagThreshold: number;
}

const starterKind = (v: 'off' | 'suspect' | 'banned') => (v === 'off' ? 'off' : v === 'suspect' ? 'SUSPECT' : 'BANNED');

export function readCheckSettings(r: EnvReader): CheckSettings {
  return {
    newCommenterApprovedComments: r.int('MOD_NEW_COMMENTER_APPROVED', 0, 0, 1000),
    linksTrustedAfterApproved: r.int('MOD_LINKS_TRUSTED_AFTER', 1, 0, 1000),
    suspectWordsAction: r.oneOf('MOD_SUSPECT_WORDS_ACTION', 'flag', ['hold', 'flag'] as const),
    starterWords: starterKind(r.oneOf('MOD_STARTER_WORDS', 'off', ['off', 'suspect', 'banned'] as const)),
    repeatWindowSeconds: r.int('MOD_REPEAT_WINDOW_SECONDS', 360, 0, 86400),
    historyRejectionRate: r.int('MOD_HISTORY_REJECTION_PERCENT', 30, 1, 100) / 100,
    historyMinDecided: r.int('MOD_HISTORY_MIN_DECIDED', 3, 1, 1000),
    spamThreshold: r.int('MOD_SPAM_THRESHOLD_PERCENT', 98, 1, 100) / 100,
    spamFlagThreshold: r.int('MOD_SPAM_FLAG_PERCENT', 80, 0, 100) / 100,
    abuseHoldThreshold: r.int('MOD_ABUSE_HOLD_PERCENT', 90, 1, 100) / 100,
    abuseFlagThreshold: r.int('MOD_ABUSE_FLAG_PERCENT', 75, 0, 100) / 100,
  };
}
