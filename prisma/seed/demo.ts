import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/generated/prisma/client';
import { seedDemoComments } from './demo-comments';
import { seedDemoContext } from './demo-context';

/**
 * A small demo data set, loaded only into an empty database, in the shape of a conflict-reporting
 * site: bylines with short bios, sections, tags shared across articles. All text is invented.
 */

const DAY = 24 * 60 * 60 * 1000;

interface DemoArticle {
  slug: string;
  title: string;
  standfirst: string;
  body: string;
  authorName: string;
  authorBio: string;
  section: string;
  daysAgo: number;
  tags: string[];
  moderationMode?: 'POST' | 'PRE';
}

const TAGS: Record<string, string> = {
  syria: 'Syria',
  iraq: 'Iraq',
  'islamic-state': 'Islamic State',
  ukraine: 'Ukraine',
  drones: 'Drones',
  'open-source-intelligence': 'Open-source intelligence',
  sudan: 'Sudan',
};

const ARTICLES: DemoArticle[] = [
  {
    slug: 'river-crossing-contested-claims',
    title: 'Both sides claim the river crossing south of the dam',
    standfirst: 'Two statements issued within an hour of each other cannot both be true. What can be checked so far.',
    body:
      'A channel aligned with the militants posted a statement on Tuesday evening saying its fighters had taken the crossing.\n\n' +
      'Less than an hour later, a monitoring group based abroad said government-aligned forces still held both banks. ' +
      'Neither claim came with imagery that could be located, and the casualty figures in the two accounts differ by a factor of four.\n\n' +
      'We will update this report when footage or satellite imagery allows the claims to be tested.',
    authorName: 'Mara Quint',
    authorBio: 'Mara Quint covers armed conflict in the Levant and verifies footage from the front lines.',
    section: 'Middle East',
    daysAgo: 1,
    tags: ['syria', 'islamic-state', 'open-source-intelligence'],
  },
  {
    slug: 'desert-convoy-footage-geolocated',
    title: 'Convoy footage from the western desert geolocated to an old highway',
    standfirst: 'Shadows, a water tower and a bend in the road place the video about forty kilometres from where it was said to be filmed.',
    body:
      'The clip, shared widely on Sunday, was presented as proof of a new offensive. Matching the terrain against public ' +
      'satellite maps puts it on a stretch of highway that has been quiet for months.\n\nThat does not prove the footage is old, only that the caption is wrong.',
    authorName: 'Yusuf Adeyemi',
    authorBio: 'Yusuf Adeyemi is an open-source investigator who teaches geolocation to newsrooms.',
    section: 'Analysis',
    daysAgo: 3,
    tags: ['iraq', 'islamic-state', 'open-source-intelligence'],
  },
  {
    slug: 'drone-strikes-on-energy-grid',
    title: 'What a week of drone strikes on the energy grid tells us',
    standfirst: 'Repair crews, air defence and the arithmetic of cheap drones against expensive interceptors.',
    body:
      'Grid operators reported damage at several substations across three regions. Officials gave interception figures ' +
      'that could not be independently confirmed.\n\nThe pattern of targets suggests planners are testing how quickly repairs can be made.',
    authorName: 'Olena Hrytsenko',
    authorBio: 'Olena Hrytsenko reports on air defence and infrastructure in Eastern Europe.',
    section: 'Europe',
    daysAgo: 6,
    tags: ['ukraine', 'drones'],
  },
  {
    slug: 'siege-aid-corridor-talks',
    title: 'Aid corridor talks stall as the siege enters its third month',
    standfirst: 'Negotiators disagree over inspections; residents describe shortages of fuel and medicine.',
    body:
      'Mediators said a draft agreement existed but would not describe it. Aid groups say trucks have waited at the ' +
      'crossing for eleven days.\n\nComments on this article are pre-moderated because of the risk of posts revealing positions.',
    authorName: 'Amal Haddad',
    authorBio: 'Amal Haddad covers humanitarian access in conflict zones.',
    section: 'Africa',
    daysAgo: 2,
    tags: ['sudan'],
    moderationMode: 'PRE',
  },
];

/** Returns a description of what was seeded, or null when the database already had articles. */
export async function seedDemoData(databaseUrl: string): Promise<string | null> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    if ((await prisma.article.count()) > 0) return null;
    const now = Date.now();
    // One batch transaction (no interactive one: its 5 s limit failed a first start on a loaded machine).
    const [, ...articles] = await prisma.$transaction([
      prisma.tag.createMany({ data: Object.entries(TAGS).map(([slug, name]) => ({ slug, name })) }),
      ...ARTICLES.map((a) => {
        const publishedAt = new Date(now - a.daysAgo * DAY);
        return prisma.article.create({
          select: { id: true },
          data: {
            slug: a.slug,
            url: `https://news.example/${a.section.toLowerCase().replace(/\s+/g, '-')}/${a.slug}`,
            title: a.title,
            standfirst: a.standfirst,
            body: a.body,
            authorName: a.authorName,
            authorBio: a.authorBio,
            section: a.section,
            publishedAt,
            commentsCloseAt: new Date(publishedAt.getTime() + 14 * DAY),
            moderationMode: a.moderationMode ?? 'POST',
            tags: { create: a.tags.map((slug) => ({ tag: { connect: { slug } } })) },
          },
        });
      }),
    ]);
    const comments = await seedDemoComments(databaseUrl, articles[0].id);
    await seedDemoContext(databaseUrl, articles[1].id, comments);
    return `${ARTICLES.length} articles, ${Object.keys(TAGS).length} tags, ${comments.count} comments, a fact-check label and context notes`;
  } finally {
    await prisma.$disconnect();
  }
}
