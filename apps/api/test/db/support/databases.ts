/**
 * The two engines every store and tenant test runs against: in-memory PGlite, and a real
 * PostgreSQL server (`TEST_DATABASE_URL`), each test file getting a fresh, migrated database.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../../src/db/client.ts';
import { migrate } from '../../../src/db/migrate.ts';

export const MIGRATIONS = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export interface Engine {
  name: string;
  /** A fresh, empty database; `migrated: false` leaves the schema to the test. */
  open(options?: { migrated?: boolean }): Promise<Database>;
}

/** The server URL, or a failure that says how to get one: this suite never skips silently. */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run the tests with `pnpm test`, which starts a throw-away ' +
        'PostgreSQL, or start one with `scripts/test-postgres.sh start` and export the URL it ' +
        'prints (needs the PostgreSQL server binaries, Debian: `apt-get install postgresql`).',
    );
  }
  return url;
}

/** Creates a database on the test server and returns its URL and a way to drop it. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = serverUrl();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

const opened: (() => Promise<void>)[] = [];

/** Closes (and drops) everything `open` created; call it in `afterAll`. */
export async function closeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((close) => close()));
}

export const engines: Engine[] = [
  {
    name: 'PGlite in memory',
    async open({ migrated = true } = {}) {
      const database = await openDatabase({ kind: 'embedded' });
      opened.push(() => database.close());
      if (migrated) await migrate(database, MIGRATIONS);
      return database;
    },
  },
  {
    name: 'PostgreSQL server',
    async open({ migrated = true } = {}) {
      const created = await createServerDatabase();
      const database = await openDatabase({
        kind: 'server',
        url: created.url,
        poolMax: 5,
        statementTimeoutMs: 5000,
      });
      opened.push(async () => {
        await database.close();
        await created.drop();
      });
      if (migrated) await migrate(database, MIGRATIONS);
      return database;
    },
  },
];
