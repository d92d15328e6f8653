// Reads every table and index of the benchmark database once, so that a run right after a
// restart or a fresh generation measures the service, not a cold OS page cache (seen here: 64%
// I/O wait and a third of the throughput until the 3 GB of data had been read once).
import pg from 'pg';

export async function prewarm(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    const started = Date.now();
    const { rows } = await client.query(
      `SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0)::bigint AS blocks
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't', 'm')`,
    );
    console.error(`prewarm: ${Math.round((Number(rows[0].blocks) * 8) / 1024)} MB read in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`prewarm skipped (${err.message}); the first round may measure a cold cache`);
  } finally {
    await client.end();
  }
}
