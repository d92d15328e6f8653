import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../helpers/database';

describe('audit log table', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO audit_events (kind, data) VALUES ('ADMIN_CREATED', '{"via":"command"}')`);
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it.each([
    ['UPDATE', `UPDATE audit_events SET data = '{}'`],
    ['DELETE', 'DELETE FROM audit_events'],
    ['TRUNCATE', 'TRUNCATE audit_events'],
  ])('refuses %s at the database level', async (_op, sql) => {
    await expect(client.query(sql)).rejects.toThrow(/append-only/);
    const { rows } = await client.query('SELECT count(*)::int AS n FROM audit_events');
    expect(rows[0].n).toBe(1);
  });

  it('accepts new rows', async () => {
    await client.query(`INSERT INTO audit_events (kind, data) VALUES ('ADMIN_CREATED', '{"via":"config"}')`);
    const { rows } = await client.query('SELECT count(*)::int AS n FROM audit_events');
    expect(rows[0].n).toBe(2);
  });
});
