import fc from 'fast-check';
import type { CommentStatus } from '../../../generated/prisma/enums';
import type { CommentRow } from './comment-row';
import { assembleThreads, ThreadCaps, ThreadNode } from './thread-assembly';
import { appearanceOf, Viewer } from './visibility';

const STATUSES: CommentStatus[] = ['PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD', 'REJECTED', 'DELETED'];
const VIEWER: Viewer = { id: 'viewer', role: 'READER' };

interface Spec {
  parent: number; // index of an earlier node, or -1 for a top comment
  status: CommentStatus;
  byViewer: boolean;
}

/** Turns a random list of (parent, status) into rows as the database would hold them. */
function buildRows(specs: Spec[]): CommentRow[] {
  const rows: CommentRow[] = [];
  specs.forEach((s, i) => {
    const parent = s.parent >= 0 && s.parent < i ? rows[s.parent] : null;
    const seg = i.toString(16).padStart(10, '0');
    const hidden = parent ? parent.hiddenAncestors + (parent.status === 'REJECTED' ? 1 : 0) : 0;
    rows.push({
      id: `c${i}`,
      articleId: 'a',
      authorId: s.byViewer ? VIEWER.id : `u${i}`,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? `c${i}`,
      depth: parent ? parent.depth + 1 : 0,
      path: (parent?.path ?? '') + seg,
      status: s.status,
      bodyHtml: '<p>x</p>',
      revision: 1,
      editedAt: null,
      createdAt: new Date(1_700_000_000_000 + i),
      replyCount: 0,
      respectCount: 0,
      disagreeCount: 0,
      hiddenAncestors: hidden,
      authorName: 'n',
      authorRole: 'READER',
      authorDeleted: false,
      checkReasons: [],
      labeled: false,
      featured: false,
      decidedAt: null,
    });
  });
  for (const r of rows) {
    r.replyCount = rows.filter((c) => c.parentId === r.id && c.hiddenAncestors === 0 && (c.status === 'PUBLISHED' || c.status === 'APPROVED')).length;
  }
  return rows;
}

function flatten(node: ThreadNode): ThreadNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

const specArb = fc.array(
  fc.record({ parent: fc.integer({ min: -1, max: 60 }), status: fc.constantFrom(...STATUSES), byViewer: fc.boolean() }),
  { maxLength: 60 },
);
const capsArb = fc.record({ depth: fc.integer({ min: 0, max: 5 }), perComment: fc.integer({ min: 0, max: 12 }) });

describe('thread assembly (property tests over random trees)', () => {
  it('keeps thread order, ancestry, caps and visibility, and includes every eligible reply up to the cap', () => {
    fc.assert(
      fc.property(specArb, capsArb, fc.boolean(), (specs, caps: ThreadCaps, signedIn) => {
        const viewer = signedIn ? VIEWER : null;
        const rows = buildRows(specs);
        const tops = rows.filter((r) => r.parentId === null);
        const replies = rows.filter((r) => r.parentId !== null).sort((a, b) => (a.path < b.path ? -1 : 1));
        const trees = assembleThreads(tops, replies, caps, viewer);

        // Only tops the viewer may see, in the given order.
        expect(trees.map((t) => t.row.id)).toEqual(tops.filter((t) => appearanceOf(t, viewer) !== 'hidden').map((t) => t.id));

        for (const tree of trees) {
          const included = flatten(tree);
          const replyNodes = included.slice(1);
          // Pre-order of the tree is path order (depth first, siblings oldest first).
          const paths = included.map((n) => n.row.path);
          expect(paths).toEqual([...paths].sort());
          for (const node of included) {
            for (const child of node.children) expect(child.row.parentId).toBe(node.row.id);
            expect(appearanceOf(node.row, viewer)).not.toBe('hidden');
            expect(node.row.depth - tree.row.depth).toBeLessThanOrEqual(caps.depth);
          }
          expect(replyNodes.length).toBeLessThanOrEqual(caps.perComment);

          // Reference: walk the same rows in path order and include what qualifies.
          const expected: string[] = [];
          const ids = new Set([tree.row.id]);
          for (const r of replies.filter((x) => x.rootId === tree.row.rootId)) {
            if (expected.length >= caps.perComment) break;
            if (r.depth - tree.row.depth > caps.depth || !ids.has(r.parentId as string) || appearanceOf(r, viewer) === 'hidden') continue;
            ids.add(r.id);
            expected.push(r.id);
          }
          expect(replyNodes.map((n) => n.row.id)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never shows anything under a rejected comment, and a rejected comment only to its author', () => {
    fc.assert(
      fc.property(specArb, capsArb, (specs, caps) => {
        const rows = buildRows(specs);
        const rejected = new Set(rows.filter((r) => r.status === 'REJECTED').map((r) => r.path));
        const tops = rows.filter((r) => r.parentId === null);
        const replies = rows.filter((r) => r.parentId !== null).sort((a, b) => (a.path < b.path ? -1 : 1));
        for (const tree of assembleThreads(tops, replies, caps, VIEWER)) {
          for (const node of flatten(tree)) {
            expect([...rejected].some((p) => node.row.path.startsWith(p) && node.row.path !== p)).toBe(false);
            if (node.row.status === 'REJECTED') expect(node.row.authorId).toBe(VIEWER.id);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('appearance of a comment', () => {
  const base = { hiddenAncestors: 0, authorId: 'someone', replyCount: 0 };
  it.each([
    ['PUBLISHED', null, 0, 'visible'],
    ['APPROVED', VIEWER, 0, 'visible'],
    ['PENDING', null, 0, 'hidden'],
    ['PENDING', VIEWER, 0, 'hidden'],
    ['WITHHELD', null, 2, 'placeholder'],
    ['DELETED', null, 0, 'hidden'],
    ['DELETED', null, 3, 'tombstone'],
    ['REJECTED', VIEWER, 3, 'hidden'],
    ['REJECTED', null, 0, 'hidden'],
  ] as const)('%s seen by %j with %i replies is %s', (status, viewer, replyCount, expected) => {
    expect(appearanceOf({ ...base, status, replyCount }, viewer)).toBe(expected);
  });

  it('shows authors their own held comments, marked as awaiting review', () => {
    expect(appearanceOf({ ...base, authorId: VIEWER.id, status: 'WITHHELD' }, VIEWER)).toBe('own-held');
    expect(appearanceOf({ ...base, authorId: VIEWER.id, status: 'PENDING' }, VIEWER)).toBe('own-held');
  });

  it('hides everything under a rejected ancestor, even from its author', () => {
    expect(appearanceOf({ ...base, authorId: VIEWER.id, status: 'PUBLISHED', hiddenAncestors: 1 }, VIEWER)).toBe('hidden');
    expect(appearanceOf({ ...base, authorId: VIEWER.id, status: 'REJECTED', hiddenAncestors: 1 }, VIEWER)).toBe('hidden');
  });

  it('shows authors their own rejected comment, marked, and nobody else', () => {
    expect(appearanceOf({ ...base, authorId: VIEWER.id, status: 'REJECTED' }, VIEWER)).toBe('own-rejected');
    expect(appearanceOf({ ...base, authorId: VIEWER.id, status: 'REJECTED', replyCount: 2 }, { id: 'other', role: 'MODERATOR' })).toBe('hidden');
  });
});
