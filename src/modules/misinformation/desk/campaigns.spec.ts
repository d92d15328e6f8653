import { randomBytes, randomUUID } from 'node:crypto';
import { CampaignComment, findCampaigns, MAX_COMPARISONS_PER_COMMENT, similarity, trigrams } from './campaigns';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));
const comment = (authorId: string, body: string, minute = 0): CampaignComment => ({ id: randomUUID(), authorId, body, createdAt: at(minute) });

describe('campaign clustering', () => {
  it('computes trigram similarity as pg_trgm does', () => {
    expect([...trigrams('Cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
    expect(similarity(trigrams('word'), trigrams('word'))).toBe(1);
    // pg_trgm: similarity('The army liberated the region', 'the army liberated the region!') = 1
    expect(similarity(trigrams('The army liberated the region'), trigrams('the army liberated the region!'))).toBe(1);
    expect(similarity(trigrams('abc'), trigrams('xyz'))).toBe(0);
  });

  it('groups near-identical text from many accounts and leaves ordinary comments out', () => {
    const text = 'The western media hides that the army liberated the whole region yesterday';
    const flood = Array.from({ length: 6 }, (_, i) => comment(`u${i}`, `${text}${'!'.repeat(i % 2)}`, i));
    const ordinary = [comment('x', 'A completely different remark about the weather today.'), comment('y', 'Has this been independently verified?')];
    const found = findCampaigns([...ordinary, ...flood], 5);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ accounts: 6, sample: text, firstSeen: at(0).toISOString() });
    expect(found[0].commentIds.sort()).toEqual(flood.map((c) => c.id).sort());
    expect(findCampaigns(flood.slice(0, 4), 5)).toEqual([]);
  });

  it('counts accounts, not comments', () => {
    const same = Array.from({ length: 10 }, (_, i) => comment('one-account', 'Exactly the same sentence posted again and again', i));
    expect(findCampaigns(same, 2)).toEqual([]);
  });

  // The work is bounded by construction (the old pairwise search compared every pair: 12.5 million
  // comparisons for 5,000 comments); its time is measured in bench/, not here.
  it('compares each of 5,000 comments with at most 32 clusters: a flood of copies, random text, and text from a tiny vocabulary', () => {
    const counted = (comments: CampaignComment[]) => {
      const stats = { comparisons: 0 };
      const found = findCampaigns(comments, 5, stats);
      expect(stats.comparisons).toBeLessThanOrEqual(comments.length * MAX_COMPARISONS_PER_COMMENT);
      return { found, comparisons: stats.comparisons };
    };
    const flood = counted(Array.from({ length: 5000 }, (_, i) => comment(`u${i % 300}`, `Breaking: the town of Kupiansk has fallen to the army, say locals ${i % 7}`, i % 600)));
    expect(flood.found[0].commentIds).toHaveLength(5000);
    // Every copy joins the first cluster it is compared with.
    expect(flood.comparisons).toBeLessThan(5000);
    const word = () => Array.from(randomBytes(3 + (randomBytes(1)[0] % 6)), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
    const random = counted(Array.from({ length: 5000 }, (_, i) => comment(`u${i}`, Array.from({ length: 15 }, word).join(' '), i % 600)));
    expect(random.found).toEqual([]);
    const words = ['river', 'crossing', 'bridge', 'report', 'army', 'town', 'casualty', 'figures', 'ministry', 'observer', 'claims', 'verified', 'shelling', 'night', 'convoy'];
    counted(Array.from({ length: 5000 }, (_, i) => comment(`u${i}`, Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * k * 3 + (i >> k)) % words.length] + ((i * 31 + k) % 97)).join(' '), i % 600)));
  });
});
