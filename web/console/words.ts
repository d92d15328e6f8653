import type { RejectionReason, Verdict } from './console-types';

/** The console's words for the codes the API uses. */

export const REASON_TEXT: Record<RejectionReason, string> = {
  SPAM: 'Spam',
  ABUSE: 'Abusive or insulting',
  HARASSMENT: 'Harassment',
  HATE: 'Hate speech',
  OFF_TOPIC: 'Off topic',
  MISINFORMATION: 'Misinformation',
  ILLEGAL: 'Illegal content',
  REVEALS_POSITIONS: 'Reveals troop or civilian positions',
  PRIVACY: 'Privacy (personal data)',
  OTHER: 'Other',
};

export const FLAG_TEXT: Record<string, string> = {
  SPAM: 'Spam',
  ABUSE: 'Abuse',
  HARASSMENT: 'Harassment',
  HATE: 'Hate',
  OFF_TOPIC: 'Off topic',
  MISINFORMATION: 'Misinformation',
  ILLEGAL: 'Illegal',
  REVEALS_POSITIONS: 'Reveals positions',
  IDENTIFIES_VICTIM: 'Identifies a victim or prisoner',
  GRAPHIC_MEDIA: 'Graphic media',
  TERRORIST_PROPAGANDA: 'Terrorist propaganda',
  DISAGREE: 'Disagree',
};

export const VERDICT_TEXT: Record<Verdict, string> = {
  UNVERIFIED: 'Unverified',
  DISPUTED: 'Disputed',
  CONFIRMED: 'Confirmed',
  FALSE: 'False',
  MISLEADING: 'Misleading',
  OUTDATED: 'Outdated',
};

export const QUEUE_TEXT: Record<string, string> = {
  pending: 'Pending',
  reported: 'Reported',
  urgent: 'Urgent',
  unmoderated: 'Unmoderated',
  approved: 'Approved',
  rejected: 'Rejected',
  appeals: 'Appeals',
};

export const STATUS_TEXT: Record<string, string> = {
  PUBLISHED: 'Published',
  PENDING: 'Held for review',
  WITHHELD: 'Withheld by checks',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  DELETED: 'Deleted',
};
