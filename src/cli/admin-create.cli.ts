import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { prepareDatabase } from '../database/prepare-database';
import { AuthService } from '../modules/auth/auth.service';

/**
 * `npm run admin:create -- --email a@news.example --name "Desk Admin"`: creates an admin account
 * (or promotes an existing account with that email). The password is read from ADMIN_PASSWORD or
 * asked for on the terminal. Uses DATABASE_URL, or the embedded database when it is unset.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question('Password for the new admin: ')).trim();
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const email = arg('email');
  if (!email) {
    console.error('usage: npm run admin:create -- --email <email> [--name <display name>]');
    process.exit(2);
  }
  const config = loadConfig({ ...process.env, ADMIN_EMAIL: '', ADMIN_PASSWORD: '', LOG_LEVEL: 'warn' });
  const password = await readPassword();
  const db = await prepareDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error'] });
  try {
    const user = await app.get(AuthService).createAdmin(email, password, arg('name') ?? 'Admin', 'command');
    console.log(`admin ready: ${user.email} (${user.id})`);
  } finally {
    await app.close();
    await db.embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
