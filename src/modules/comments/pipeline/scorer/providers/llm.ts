import type { RemoteScorerSettings } from '../../../../../config/scorers.config';
import type { CommentScorer, ScorerAnswer } from '../scorer';
import { isObject, postJson, probability } from './http-json';

/** The codes the model may answer with: Parley's rejection reasons, and NONE. */
export const LLM_REASONS = ['NONE', 'SPAM', 'ABUSE', 'HARASSMENT', 'HATE', 'OFF_TOPIC', 'MISINFORMATION', 'ILLEGAL', 'REVEALS_POSITIONS', 'PRIVACY'] as const;
type LlmReason = (typeof LLM_REASONS)[number];

/**
 * What each code does with the model's score: spam, abuse, or nothing but the record. Off-topic
 * and misinformation are for people to judge (misinformation goes to the desk, not out of view).
 */
const DIMENSION: Record<LlmReason, 'spam' | 'abuse' | null> = {
  NONE: 'abuse',
  SPAM: 'spam',
  ABUSE: 'abuse',
  HARASSMENT: 'abuse',
  HATE: 'abuse',
  ILLEGAL: 'abuse',
  REVEALS_POSITIONS: 'abuse',
  PRIVACY: 'abuse',
  OFF_TOPIC: null,
  MISINFORMATION: null,
};

export const LLM_INSTRUCTIONS = `You help moderators of a news site's reader comments, many of them under war reporting.
Read the comment and answer with one JSON object and nothing else:
{"reason": CODE, "score": NUMBER, "rationale": TEXT}
CODE is the one rule the comment most likely breaks, or NONE:
SPAM (advertising, scams, link farming), ABUSE (insults, slurs, profanity aimed at people),
HARASSMENT (threats, targeting a person), HATE (attacks on a group for who they are),
OFF_TOPIC, MISINFORMATION (false claims of fact), ILLEGAL (incitement, terrorist propaganda),
REVEALS_POSITIONS (live military positions or movements), PRIVACY (personal data of a private person).
Reporting on violence, citing sources, disputing figures and sharp but civil disagreement break no rule.
NUMBER is the probability, from 0 to 1, that a moderator would remove the comment for CODE (for NONE: that any rule is broken).
TEXT is one short sentence for the moderator saying why, at most 200 characters.`;

/**
 * A site's own model behind an OpenAI-compatible chat endpoint (`POST {url}/chat/completions`).
 * The answer is parsed strictly: one JSON object with a known code, a probability and a one-line
 * rationale; anything else (prose, a code fence, an unknown code) is an error, recorded, and
 * posting goes on.
 */
export class LlmScorer implements CommentScorer {
  readonly name = 'llm';
  readonly version: string;

  constructor(private readonly settings: RemoteScorerSettings & { url: string }) {
    this.version = settings.model ?? 'llm';
  }

  async score(text: string, signal: AbortSignal): Promise<ScorerAnswer> {
    const headers: Record<string, string> = this.settings.key ? { authorization: `Bearer ${this.settings.key}` } : {};
    const request = {
      model: this.settings.model,
      temperature: 0,
      max_tokens: 200,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: LLM_INSTRUCTIONS },
        { role: 'user', content: text },
      ],
    };
    const answer = await postJson(`${this.settings.url}/chat/completions`, request, headers, signal);
    const choice = isObject(answer) && Array.isArray(answer.choices) ? (answer.choices[0] as unknown) : undefined;
    const content = isObject(choice) && isObject(choice.message) ? choice.message.content : undefined;
    if (typeof content !== 'string') throw new Error('the answer has no choices[0].message.content');
    const parsed = parseLlmVerdict(content);
    const dimension = DIMENSION[parsed.reason];
    const model = isObject(answer) && typeof answer.model === 'string' ? answer.model.slice(0, 100) : this.version;
    return {
      spam: dimension === 'spam' ? parsed.score : null,
      abuse: dimension === 'abuse' ? parsed.score : null,
      reason: parsed.reason === 'NONE' ? null : parsed.reason,
      rationale: parsed.rationale,
      version: model,
    };
  }
}

/** The model's message, strictly: exactly one JSON object with the three fields (extra fields are ignored). */
export function parseLlmVerdict(content: string): { reason: LlmReason; score: number; rationale: string } {
  let value: unknown;
  try {
    value = JSON.parse(content.trim());
  } catch {
    throw new Error('the model did not answer with JSON');
  }
  if (!isObject(value)) throw new Error('the model did not answer with a JSON object');
  const reason = value.reason;
  if (typeof reason !== 'string' || !(LLM_REASONS as readonly string[]).includes(reason)) throw new Error('the model answered with an unknown reason code');
  const score = probability(value.score, 'score');
  if (typeof value.rationale !== 'string' || value.rationale.trim() === '') throw new Error('the model gave no rationale');
  const rationale = value.rationale.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { reason: reason as LlmReason, score, rationale };
}
