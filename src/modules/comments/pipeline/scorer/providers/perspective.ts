import type { RemoteScorerSettings } from '../../../../../config/scorers.config';
import type { CommentScorer, ScorerAnswer } from '../scorer';
import { isObject, postJson, probability } from './http-json';

/**
 * Perspective's request and response shape (`POST …/comments:analyze`), so the hosted API and the
 * drop-in replacements newsrooms move to work unchanged. The abuse score is the highest of the
 * attributes below; PROFANITY is left out on purpose (news comments swear without abusing anyone).
 * The reason is the Parley code of the highest attribute, when it reaches 0.5.
 */
export const PERSPECTIVE_ATTRIBUTES = ['TOXICITY', 'SEVERE_TOXICITY', 'INSULT', 'THREAT', 'IDENTITY_ATTACK'] as const;
const REASON: Record<(typeof PERSPECTIVE_ATTRIBUTES)[number], string> = {
  TOXICITY: 'ABUSE',
  SEVERE_TOXICITY: 'ABUSE',
  INSULT: 'ABUSE',
  THREAT: 'HARASSMENT',
  IDENTITY_ATTACK: 'HATE',
};

export class PerspectiveScorer implements CommentScorer {
  readonly name = 'perspective';
  readonly version: string;
  private readonly endpoint: string;

  constructor(private readonly settings: RemoteScorerSettings & { url: string }) {
    this.version = settings.model ?? 'perspective';
    const base = settings.url.endsWith('comments:analyze') ? settings.url : `${settings.url}/comments:analyze`;
    this.endpoint = settings.key ? `${base}?key=${encodeURIComponent(settings.key)}` : base;
  }

  async score(text: string, signal: AbortSignal): Promise<ScorerAnswer> {
    const body = {
      comment: { text },
      requestedAttributes: Object.fromEntries(PERSPECTIVE_ATTRIBUTES.map((a) => [a, {}])),
      doNotStore: true,
    };
    const answer = await postJson(this.endpoint, body, {}, signal);
    const scores = isObject(answer) && isObject(answer.attributeScores) ? answer.attributeScores : null;
    if (!scores) throw new Error('the answer has no attributeScores');
    let top: { attribute: (typeof PERSPECTIVE_ATTRIBUTES)[number]; value: number } | null = null;
    for (const attribute of PERSPECTIVE_ATTRIBUTES) {
      const entry = scores[attribute];
      if (entry === undefined) continue;
      const value = probability(isObject(entry) && isObject(entry.summaryScore) ? entry.summaryScore.value : undefined, `${attribute}.summaryScore.value`);
      if (!top || value > top.value) top = { attribute, value };
    }
    if (!top) throw new Error('the answer scores none of the requested attributes');
    return { spam: null, abuse: top.value, reason: top.value >= 0.5 ? REASON[top.attribute] : null };
  }
}
