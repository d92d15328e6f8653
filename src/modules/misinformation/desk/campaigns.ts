/**
 * Campaign detection over a bounded set of recent comments: near-identical text (trigram
 * similarity, as PostgreSQL's pg_trgm computes it) from many accounts.
 *
 * The old query joined every recent comment with every similar one in SQL; with 4,400
 * near-identical comments that is ~19 million pairs and ran 123 s. Here each comment is compared
 * only with cluster representatives that share one of its rarest trigrams (prefix filtering: two
 * sets with similarity >= t must share a trigram among the first n - ceil(t * n) + 1 of each,
 * in one fixed order, here rarest first). That finds every match the full comparison would, and
 * a flood of copies costs one comparison per copy.
 */

export interface CampaignComment {
  id: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

export interface Campaign {
  sample: string;
  accounts: number;
  commentIds: string[];
  firstSeen: string;
}

export const CAMPAIGN_SIMILARITY = 0.8;
/**
 * Comparisons per comment at most. Only text built from a tiny vocabulary shares its rarest
 * trigrams with hundreds of clusters; past this budget a copy may start a cluster of its own
 * instead of joining one (a campaign can show split in two), but the search stays bounded.
 */
export const MAX_COMPARISONS_PER_COMMENT = 32;

/** pg_trgm's trigrams: lower-cased alphanumeric words, each padded with two spaces before and one after. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 2 < padded.length; i++) out.add(padded[i] + padded[i + 1] + padded[i + 2]);
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams of both. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  // Similarity is at most small/large: skip pairs that cannot reach the threshold.
  if (small.size / large.size < CAMPAIGN_SIMILARITY) return 0;
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Cluster {
  grams: Set<string>;
  first: CampaignComment;
  members: CampaignComment[];
}

/** How many of a set's trigrams, rarest first, two sets at the threshold must share at least one of. */
function prefixLength(size: number): number {
  return size - Math.ceil(CAMPAIGN_SIMILARITY * size) + 1;
}

/** Work done by one search, so tests can hold it to its bound without timing it. */
export interface CampaignSearchStats {
  comparisons: number;
}

/** Groups comments (oldest first) into clusters of near-identical text; keeps those from at least minAccounts accounts. */
export function findCampaigns(comments: CampaignComment[], minAccounts: number, stats: CampaignSearchStats = { comparisons: 0 }): Campaign[] {
  const ordered = [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const grams = ordered.map((c) => trigrams(c.body));
  const frequency = new Map<string, number>();
  for (const set of grams) for (const g of set) frequency.set(g, (frequency.get(g) ?? 0) + 1);
  const rarestFirst = (set: Set<string>) =>
    [...set].sort((a, b) => (frequency.get(a) as number) - (frequency.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0));

  const clusters: Cluster[] = [];
  const byPrefixGram = new Map<string, Cluster[]>();
  ordered.forEach((comment, i) => {
    const set = grams[i];
    const prefix = rarestFirst(set).slice(0, prefixLength(set.size));
    const seen = new Set<Cluster>();
    let home: Cluster | undefined;
    search: for (const g of prefix) {
      for (const candidate of byPrefixGram.get(g) ?? []) {
        if (seen.has(candidate)) continue;
        if (seen.size >= MAX_COMPARISONS_PER_COMMENT) break search;
        seen.add(candidate);
        stats.comparisons++;
        if (similarity(candidate.grams, set) >= CAMPAIGN_SIMILARITY) {
          home = candidate;
          break search;
        }
      }
    }
    if (home) {
      home.members.push(comment);
      return;
    }
    const cluster = { grams: set, first: comment, members: [comment] };
    clusters.push(cluster);
    for (const g of prefix) {
      const list = byPrefixGram.get(g);
      if (list) list.push(cluster);
      else byPrefixGram.set(g, [cluster]);
    }
  });
  return clusters
    .map((c) => ({ cluster: c, accounts: new Set(c.members.map((m) => m.authorId)).size }))
    .filter((c) => c.accounts >= minAccounts)
    .sort((a, b) => b.accounts - a.accounts)
    .map(({ cluster, accounts }) => ({
      sample: cluster.first.body.slice(0, 500),
      accounts,
      commentIds: cluster.members.map((m) => m.id),
      firstSeen: cluster.first.createdAt.toISOString(),
    }));
}
