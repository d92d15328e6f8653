import { rm } from 'node:fs/promises';
import { Client } from 'pg';

interface RunState {
  server: { stop(): Promise<void>; dataDir: string };
  dataDir: string;
}

export default async function globalTeardown(): Promise<void> {
  if (process.env.PARLEY_TEST_WEB_DIR) await rm(process.env.PARLEY_TEST_WEB_DIR, { recursive: true, force: true });
  const state = (globalThis as { __parleyPg?: RunState }).__parleyPg;
  if (state) {
    await state.server.stop();
    // The cluster's own directory too, should it have been placed elsewhere (see embedded/data-dir.ts).
    await rm(state.server.dataDir, { recursive: true, force: true });
    await rm(state.dataDir, { recursive: true, force: true });
    return;
  }
  // A server we do not own (TEST_DATABASE_URL): remove only what this run created.
  const adminUrl = process.env.PARLEY_TEST_ADMIN_URL;
  const templateDb = process.env.PARLEY_TEST_TEMPLATE_DB;
  if (!adminUrl || !templateDb) return;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2',
      [templateDb, `${templateDb.replace('template', 'test')}%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
