#!/usr/bin/env node
// Dev tooling only (never on the runtime path): drives Prisma's schema engine compiled to
// WebAssembly (@prisma/schema-engine-wasm) through @prisma/adapter-pg, because the Prisma CLI
// insists on downloading a native engine binary that this project never has.
//
//   node scripts/schema-engine.mjs diff          migrations (replayed on a shadow db) vs schema
//   node scripts/schema-engine.mjs drift         live DATABASE_URL vs schema
//   node scripts/schema-engine.mjs new <name>    write the `diff` SQL as a new migration
//   options: --schema <file> (default prisma/schema.prisma)
//            --migrations <dir> (default prisma/migrations)
//
// Exit codes: 0 in sync / written, 1 differences found (or `new` had nothing to write),
// 2 usage error, unusable database or engine failure.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The error-capturing binder the engine expects; taken from adapter-pg's own dependency so the
// two always agree on the result/error shapes.
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = createRequire(
  require.resolve('@prisma/adapter-pg'),
)('@prisma/driver-adapter-utils');

class UsageError extends Error {}
class DatabaseError extends Error {}

// ---------------------------------------------------------------------------------------------
// The WebAssembly engine. Its package entry does `import * from "./x.wasm"`, which Node 20 only
// supports behind --experimental-wasm-modules, so instantiate it by hand the way
// @prisma/internals' WasmSchemaEngineLoader does.
async function loadSchemaEngine() {
  const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmUrl = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const module = new WebAssembly.Module(await readFile(wasmUrl));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return runtime.SchemaEngine;
}

// ---------------------------------------------------------------------------------------------
// adapter-pg 7.10.1 workarounds, applied to every queryable (adapter and transactions).
const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_constraint.contype, ...)
const TEXT_OID = 25;

function patchQueryable(queryable) {
  const originalQueryRaw = queryable.queryRaw;
  // Bug 1: the engine's catalog queries return "char" columns, which adapter-pg's type mapping
  // rejects ("Column type 'char' could not be deserialized"). pg already hands their values over
  // as strings (no parser is registered for OID 18), so let adapter-pg map those fields as text,
  // then tell the engine they are Character columns, which is what its describer reads them as.
  // The original method runs on a stand-in `this` so concurrent queries never share state.
  queryable.queryRaw = async (query) => {
    const result = await queryable.performIO(query);
    const charColumns = [];
    const fields = result.fields.map((field, i) => {
      if (field.dataTypeID !== CHAR_OID) return field;
      charColumns.push(i);
      return { ...field, dataTypeID: TEXT_OID };
    });
    const standIn = { performIO: async () => ({ ...result, fields }), pgOptions: queryable.pgOptions };
    const mapped = await originalQueryRaw.call(standIn, query);
    for (const i of charColumns) mapped.columnTypes[i] = ColumnTypeEnum.Character;
    return mapped;
  };
  if (typeof queryable.executeScript === 'function') {
    // Bug 2: executeScript splits the script on every ';', which breaks migrations holding
    // function/trigger bodies or literals containing ';'. Send the whole script as one
    // simple-protocol query instead: one implicit transaction, exactly like the project's runner.
    queryable.executeScript = async (script) => {
      try {
        await queryable.client.query(script);
      } catch (error) {
        queryable.onError(error);
      }
    };
  }
  if (typeof queryable.startTransaction === 'function') {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  }
  return queryable;
}

// Bug 3: adapter-pg's connectToShadowDb() ignores the database name when configured with a
// connection string (so it would replay migrations on the main database) and drops the shadow
// database before closing its pool. The shadow database is therefore created and dropped by
// withShadowDatabase() below, and this factory just connects to it.
function adapterFactory(mainUrl, shadowUrl, opened) {
  const open = async (connectionString) => {
    const adapter = patchQueryable(await new PrismaPg({ connectionString, connectionTimeoutMillis: 10_000 }).connect());
    opened.push(adapter);
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => open(mainUrl),
    connectToShadowDb: async () => {
      if (!shadowUrl) throw new Error('this command does not use a shadow database');
      return open(shadowUrl);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Database plumbing with plain pg.
function databaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new DatabaseError('DATABASE_URL is not set (e.g. postgres://user@host:5432/db)');
  return url;
}

async function withClient(url, fn) {
  // A timeout, so that an unroutable host fails with exit 2 instead of hanging.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseError(`cannot connect to ${redact(url)}: ${error.message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

// A throw-away database on the DATABASE_URL server to replay the migrations on; dropped WITH
// (FORCE) whatever happens, since the engine's pool may still hold connections on failure.
async function withShadowDatabase(url, fn) {
  const name = `parley_shadow_${randomBytes(6).toString('hex')}`;
  await withClient(url, (c) => c.query(`CREATE DATABASE "${name}"`));
  try {
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    return await fn(shadowUrl.toString());
  } finally {
    await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch((error) =>
      console.error(`warning: could not drop shadow database ${name}: ${error.message}`),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Engine inputs, in the shapes @prisma/migrate builds them (see its listMigrations()).
async function migrationsList(dir) {
  const lockContent = await readFile(path.join(dir, 'migration_lock.toml'), 'utf8').catch(() => null);
  const lockfile = { path: 'migration_lock.toml', content: lockContent };
  // A missing directory is an empty history, as for `prisma migrate diff --from-migrations`.
  const entries = await readdir(dir, { withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(dir, entry.name, 'migration.sql'), 'utf8')
      .then((value) => ({ tag: 'ok', value }))
      .catch((error) => ({ tag: 'error', value: error.message }));
    migrationDirectories.push({ path: entry.name, migrationFile: { path: 'migration.sql', content } });
  }
  return { baseDir: dir, lockfile, migrationDirectories, shadowDbInitScript: '' };
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function runEngine({ schemaPath, mainUrl, shadowUrl }, run) {
  const SchemaEngine = await loadSchemaEngine();
  const schemaFile = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const adapters = [];
  const factory = adapterFactory(mainUrl, shadowUrl, adapters);
  const log = (line) => process.env.SCHEMA_ENGINE_DEBUG && console.error(line);
  let engine;
  try {
    engine = await SchemaEngine.new({ datamodels: [[schemaFile.path, schemaFile.content]] }, log, factory);
    return await run(engine, schemaFile);
  } catch (error) {
    // A JS error thrown inside the adapter reaches us only as "External error id#N" in the
    // engine's message: put the original message back.
    const match = /External error id#(\d+)/.exec(error?.message ?? '');
    const original = match && factory.errorRegistry.consumeError(Number(match[1]))?.error;
    if (original) error.message = error.message.replace(match[0], original.message ?? String(original));
    throw error;
  } finally {
    engine?.free();
    // The engine does not always dispose its adapters; close their pools before the shadow
    // database is dropped (ending a pool twice only rejects, hence allSettled).
    await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
  }
}

// The SQL that turns `from` into `to`; '' when they match. `exitCode: true` makes the engine
// report emptiness itself (2 = non-empty), so we never parse its "empty migration" comment.
//
// No output filtering is needed for what the migrations add by hand, and none is done on purpose
// (a filter could hide real drift). Checked against this engine build, on PostgreSQL 15 and 18:
// its describer reads CHECK constraints but the differ ignores them; it skips indexes with a
// WHERE predicate (unless previewFeatures has "partialIndexes": then it models them and they
// must be declared with `where:` in schema.prisma) and indexes on expressions; triggers and
// functions are not diffed; `_prisma_migrations` is excluded. An extra ordinary index or column
// IS reported. test/medium/schema-sync.spec.ts pins this down, so an engine upgrade that
// changes it fails there rather than silently here.
async function engineDiff(engine, from, to) {
  const result = await engine.diff({ from, to, script: true, exitCode: true, filters: NO_FILTER });
  return result.exitCode === 2 ? (result.stdout ?? '').trim() : '';
}

// ---------------------------------------------------------------------------------------------
async function migrationsVsSchema(options) {
  const url = databaseUrl();
  return withShadowDatabase(url, (shadowUrl) =>
    runEngine({ ...options, mainUrl: url, shadowUrl }, async (engine, schemaFile) =>
      engineDiff(engine, { tag: 'migrations', ...(await migrationsList(options.migrationsDir)) }, { tag: 'schemaDatamodel', files: [schemaFile] }),
    ),
  );
}

async function databaseVsSchema(options) {
  const url = databaseUrl();
  await withClient(url, (c) => c.query('SELECT 1'));
  return runEngine({ ...options, mainUrl: url }, (engine, schemaFile) =>
    engineDiff(
      engine,
      // "schemaDatasource" = the database the engine's adapter is connected to (DATABASE_URL).
      { tag: 'schemaDatasource', files: [schemaFile], configDir: path.dirname(schemaFile.path) },
      { tag: 'schemaDatamodel', files: [schemaFile] },
    ),
  );
}

function utcTimestamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const commands = {
  async diff(options) {
    const sql = await migrationsVsSchema(options);
    if (!sql) return console.log('migrations match schema.prisma'), 0;
    console.log(`-- schema.prisma has changes no migration creates; the missing SQL:\n${sql}`);
    return 1;
  },
  async drift(options) {
    const sql = await databaseVsSchema(options);
    if (!sql) return console.log('database matches schema.prisma'), 0;
    console.log(`-- the database at DATABASE_URL drifted from schema.prisma; SQL to bring it back:\n${sql}`);
    return 1;
  },
  async new(options, name) {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new UsageError('usage: new <name>, name in [a-z0-9_]');
    const sql = await migrationsVsSchema(options);
    if (!sql) return console.error('migrations already match schema.prisma: nothing to write'), 1;
    const dir = path.join(options.migrationsDir, `${utcTimestamp()}_${name}`);
    await mkdir(dir, { recursive: false });
    await writeFile(path.join(dir, 'migration.sql'), `${sql}\n`);
    const file = path.join(dir, 'migration.sql');
    const relative = path.relative(process.cwd(), file);
    console.log(`wrote ${relative.startsWith('..') ? file : relative}`);
    return 0;
  },
};

function describeError(error) {
  if (error instanceof UsageError || error instanceof DatabaseError) return error.message;
  // Engine errors carry a Rust span trace ("   0: schema_engine_wasm::...") and a JS stack that
  // only point into the wasm blob: keep the message unless debugging.
  if (error?.name === 'SchemaConnectorError' && !process.env.SCHEMA_ENGINE_DEBUG) {
    return error.message.replace(/\n\s+0: [\s\S]*$/, '').trim();
  }
  return error?.stack ?? String(error);
}

async function main(argv) {
  const usage = 'usage: schema-engine.mjs diff|drift|new <name> [--schema file] [--migrations dir]';
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { schema: { type: 'string' }, migrations: { type: 'string' } } });
  } catch (error) {
    throw new UsageError(`${error.message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!Object.hasOwn(commands, command)) throw new UsageError(usage);
  const options = {
    schemaPath: path.resolve(values.schema ?? path.join(ROOT, 'prisma', 'schema.prisma')),
    migrationsDir: path.resolve(values.migrations ?? path.join(ROOT, 'prisma', 'migrations')),
  };
  return commands[command](options, ...rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`schema-engine: ${describeError(error)}`);
    process.exit(2);
  },
);
