import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/database/prisma.service';
import { CommentStatus } from '../../src/generated/prisma/enums';
import { CommentsRepository } from '../../src/modules/comments/comments.repository';
import { normalizeBody, renderBody } from '../../src/modules/comments/render/comment-body';
import { ClaimsRepository } from '../../src/modules/misinformation/desk/claims.repository';
import type { SeededComments } from './demo-comments';

/**
 * What the desk and readers added to the demo discussion: a claim with a verdict, labelling the
 * comments that repeat it on both demo articles, and a context note on the claim (so it follows
 * the claim to every linked comment). The note is rated by two camps of readers who disagree on
 * other notes (written on a second article's comments) and agree on this one: the pattern the
 * bridging scorer rewards. The real scoring job runs right after seeding, before the service
 * answers (src/main.ts), and rates it helpful with the default settings.
 * Written for Parley; every name, source and statement is invented.
 */

const DAY = 86_400_000;

const CAMP_A = ['Hana Sato', 'Piotr Nowak', 'Farid Haddad', 'Grace Mensah', 'Lucas Moreau', 'Sofia Rossi'];
const CAMP_B = ['Tomás Ruiz', 'Ayşe Demir', 'Kofi Asante', 'Ingrid Berg', 'Ravi Menon', 'Mei Lin'];

const BRIDGING_NOTE = {
  text: 'The silos are about 12 km north of the crossing. The only footage shared so far shows a different site and was first posted in 2024.',
  sources: [{ url: 'https://verify.example/2024/silo-footage', title: 'Reverse image search of the silo clip' }],
};

// Notes each camp likes and the other does not: they give the scorer the raters' viewpoints.
const CAMP_A_NOTES = [
  'The convoy footage matches the regime’s known supply route, so it is probably recent.',
  'Local journalists on the ground have confirmed the offensive started on Sunday.',
  'Satellite imagery from last week shows new tracks on this highway.',
  'The monitoring group that disputes this has been wrong about this front before.',
  'Officials announced the operation the day before the video appeared.',
];
const CAMP_B_NOTES = [
  'The road in the video has been closed since spring; the clip is recycled.',
  'The channel that first posted the video is run by the group it praises.',
  'No independent outlet has placed any convoy here this month.',
  'The vehicle markings belong to a unit that left the region last year.',
  'Weather in the clip does not match the forecast for the claimed date.',
];

const SECOND_ARTICLE_COMMENTS = [
  'So the offensive is real then? Everyone on my feed is sharing this clip as proof.',
  'A caption being wrong does not make the footage old. Both can be true.',
  // Repeats the first article's claim: linked to it, it shows the claim's label and note too.
  'Same people who said the grain silos north of the crossing fell last week. Did anyone ever check that?',
];

export async function seedDemoContext(databaseUrl: string, secondArticle: string, seeded: SeededComments): Promise<void> {
  const prisma = new PrismaService({ url: databaseUrl, poolSize: 2 });
  try {
    const checker = await prisma.user.create({ data: { displayName: 'Desk Fact-checker', role: 'FACT_CHECKER' } });
    const [first, second, repeat] = await secondArticleComments(prisma, secondArticle, seeded.users);
    const claimId = await labelClaim(prisma, checker.id, [seeded.ids.get('claim') as string, repeat]);
    const notes = new Map<string, string[]>();
    notes.set('bridging', [await note(prisma, { claimId }, seeded.users.get('Amara Okafor') as string, BRIDGING_NOTE.text, BRIDGING_NOTE.sources)]);
    const writer = seeded.users.get('Jonas Weber') as string;
    const source = [{ url: 'https://example.org/notes-source', title: 'Reader source' }];
    notes.set('a', await Promise.all(CAMP_A_NOTES.map((t, i) => note(prisma, { commentId: i % 2 ? second : first }, writer, t, source))));
    notes.set('b', await Promise.all(CAMP_B_NOTES.map((t, i) => note(prisma, { commentId: i % 2 ? second : first }, writer, t, source))));
    await rate(prisma, notes);
  } finally {
    await prisma.onModuleDestroy();
  }
}

async function labelClaim(prisma: PrismaService, checkerId: string, commentIds: string[]): Promise<string> {
  const claims = new ClaimsRepository(prisma);
  return prisma.$transaction(async (tx) => {
    const claim = await claims.create('Militants took the grain silos north of the river crossing.', checkerId, tx);
    for (const commentId of commentIds) await claims.link(claim.id, commentId, checkerId, tx);
    await claims.addVerdict(
      claim.id,
      {
        verdict: 'UNVERIFIED',
        summary: 'No imagery, resident or independent monitor places militants at the silos. The only source is a channel run by the group itself.',
        sources: [
          { url: 'https://observatory.example/reports/river-crossing', title: 'Monitoring group: daily report on the crossing' },
          { url: 'https://verify.example/2024/silo-footage', title: 'Where the silo footage was first posted' },
        ],
        asOf: new Date(Date.now() - 3 * 3_600_000),
        authorId: checkerId,
        reviewBy: new Date(Date.now() + 7 * DAY),
      },
      tx,
    );
    await claims.refreshLabeled(commentIds, tx);
    return claim.id;
  });
}

async function note(
  prisma: PrismaService,
  on: { commentId: string } | { claimId: string },
  authorId: string,
  text: string,
  sources: { url: string; title: string }[],
): Promise<string> {
  const row = await prisma.contextNote.create({ data: { ...on, authorId, text, sources } });
  return row.id;
}

/** Everyone rates everything: the bridging note helpful, each camp's notes helpful only to that camp. */
async function rate(prisma: PrismaService, notes: Map<string, string[]>): Promise<void> {
  const camps: [string[], 'a' | 'b'][] = [
    [CAMP_A, 'a'],
    [CAMP_B, 'b'],
  ];
  const data: { noteId: string; raterId: string; value: 'HELPFUL' | 'NOT_HELPFUL' }[] = [];
  for (const [names, camp] of camps) {
    for (const name of names) {
      const rater = await prisma.user.create({ data: { displayName: name, createdAt: new Date(Date.now() - 90 * DAY) } });
      for (const id of notes.get('bridging') ?? []) data.push({ noteId: id, raterId: rater.id, value: 'HELPFUL' });
      for (const id of notes.get('a') ?? []) data.push({ noteId: id, raterId: rater.id, value: camp === 'a' ? 'HELPFUL' : 'NOT_HELPFUL' });
      for (const id of notes.get('b') ?? []) data.push({ noteId: id, raterId: rater.id, value: camp === 'b' ? 'HELPFUL' : 'NOT_HELPFUL' });
    }
  }
  await prisma.noteRating.createMany({ data });
}

async function secondArticleComments(prisma: PrismaService, articleId: string, users: Map<string, string>): Promise<string[]> {
  const comments = new CommentsRepository(prisma);
  const authors = [users.get('Li Wei') as string, users.get('Rania Al-Khatib') as string, users.get('Дмитро Коваль') as string];
  const ids: string[] = [];
  for (const [i, body] of SECOND_ARTICLE_COMMENTS.entries()) {
    const id = randomUUID();
    const source = normalizeBody(body);
    await comments.insert({ id, articleId, authorId: authors[i], parentId: null, status: CommentStatus.PUBLISHED, bodySource: source, bodyHtml: renderBody(source), idempotency: null });
    ids.push(id);
  }
  return ids;
}
