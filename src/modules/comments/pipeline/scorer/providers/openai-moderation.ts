import type { RemoteScorerSettings } from '../../../../../config/scorers.config';
import type { CommentScorer, ScorerAnswer } from '../scorer';
import { isObject, postJson, probability } from './http-json';

/**
 * An OpenAI-moderation-compatible endpoint (`POST {url}/moderations`, `results[0].category_scores`).
 * The abuse score is the highest of the harassment and hate categories; violence, sexual and
 * self-harm are left out, because reporting on a war is full of violence without being abusive.
 */
const ABUSE_CATEGORIES: Record<string, string> = {
  harassment: 'HARASSMENT',
  'harassment/threatening': 'HARASSMENT',
  hate: 'HATE',
  'hate/threatening': 'HATE',
};

export class OpenAiModerationScorer implements CommentScorer {
  readonly name = 'openai-moderation';
  readonly version: string;

  constructor(private readonly settings: RemoteScorerSettings & { url: string }) {
    this.version = settings.model ?? 'moderation';
  }

  async score(text: string, signal: AbortSignal): Promise<ScorerAnswer> {
    const headers: Record<string, string> = this.settings.key ? { authorization: `Bearer ${this.settings.key}` } : {};
    const answer = await postJson(`${this.settings.url}/moderations`, { model: this.settings.model ?? undefined, input: text }, headers, signal);
    const first = isObject(answer) && Array.isArray(answer.results) ? (answer.results[0] as unknown) : undefined;
    const scores = isObject(first) && isObject(first.category_scores) ? first.category_scores : null;
    if (!scores) throw new Error('the answer has no results[0].category_scores');
    let top: { category: string; value: number } | null = null;
    for (const category of Object.keys(ABUSE_CATEGORIES)) {
      if (scores[category] === undefined) continue;
      const value = probability(scores[category], `category_scores.${category}`);
      if (!top || value > top.value) top = { category, value };
    }
    if (!top) throw new Error('the answer scores no harassment or hate category');
    const model = isObject(answer) && typeof answer.model === 'string' ? answer.model.slice(0, 100) : this.version;
    return { spam: null, abuse: top.value, reason: top.value >= 0.5 ? ABUSE_CATEGORIES[top.category] : null, version: model };
  }
}
