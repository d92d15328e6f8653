import { mulberry32, NoteRating, RatingValue } from '../note-scoring';

/**
 * Seeded synthetic rating data from raters in two camps, for tests that pin what the scorer shows.
 * Raters are dealt to notes round-robin over a reshuffled camp, so activity stays even and nobody
 * falls under the per-rater minimum by bad luck. Every rating has noise: a rater leaning "helpful"
 * says HELPFUL with the given probability, otherwise SOMEWHAT_HELPFUL (8%) or NOT_HELPFUL.
 */
export type Camp = 'a' | 'b';

export class TwoCamps {
  readonly a: string[];
  readonly b: string[];
  readonly ratings: NoteRating[] = [];
  readonly random: () => number;
  private readonly queues: Record<Camp, string[]> = { a: [], b: [] };

  constructor(seed: number, campSize = 30) {
    this.random = mulberry32(seed);
    this.a = Array.from({ length: campSize }, (_, i) => `a${String(i).padStart(3, '0')}`);
    this.b = Array.from({ length: campSize }, (_, i) => `b${String(i).padStart(3, '0')}`);
  }

  /**
   * What a healthy site already has when the notes under test arrive: notes each camp likes and the
   * other does not, notes both camps reject and notes both camps find helpful. The rejected and
   * helpful ones give raters a track record (rater helpfulness needs notes with an outcome).
   */
  background(partisan = 40, panned = 10, bridging = 6, perSide = 12): this {
    for (let i = 0; i < partisan; i++) this.partisan(`bg-partisan-${i}`, i % 2 === 0 ? 'a' : 'b', perSide);
    for (let i = 0; i < panned; i++) this.both(`bg-panned-${i}`, perSide, 0.05);
    for (let i = 0; i < bridging; i++) this.both(`bg-bridging-${i}`, perSide, 0.92);
    return this;
  }

  /** The favoured camp mostly rates it helpful, the other mostly not. */
  partisan(noteId: string, favoured: Camp, perSide: number): this {
    this.rate(noteId, this.deal(favoured, perSide), 0.9);
    return this.rate(noteId, this.deal(favoured === 'a' ? 'b' : 'a', perSide), 0.1);
  }

  /** Both camps rate it helpful with probability pHelpful. */
  both(noteId: string, perSide: number, pHelpful: number): this {
    this.rate(noteId, this.deal('a', perSide), pHelpful);
    return this.rate(noteId, this.deal('b', perSide), pHelpful);
  }

  /** Only one camp ever rates it. */
  oneCamp(noteId: string, camp: Camp, count: number, pHelpful: number): this {
    return this.rate(noteId, this.deal(camp, count), pHelpful);
  }

  rate(noteId: string, raters: readonly string[], pHelpful: number): this {
    for (const raterId of raters) this.ratings.push({ noteId, raterId, value: this.value(pHelpful) });
    return this;
  }

  /** `count` distinct raters of a camp, the least used first. */
  deal(camp: Camp, count: number): string[] {
    const members = camp === 'a' ? this.a : this.b;
    if (count > members.length) throw new RangeError(`a camp has ${members.length} raters`);
    let queue = this.queues[camp];
    if (queue.length < count) {
      const rest = this.shuffle(members.filter((id) => !queue.includes(id)));
      queue = this.queues[camp] = [...queue, ...rest];
    }
    return queue.splice(0, count);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  value(pHelpful: number): RatingValue {
    if (this.random() < 0.08) return 'SOMEWHAT_HELPFUL';
    return this.random() < pHelpful ? 'HELPFUL' : 'NOT_HELPFUL';
  }
}
