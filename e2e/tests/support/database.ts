import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The PostgreSQL server of the run; this suite fails, never skips, without one. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. `pnpm test` starts a throw-away PostgreSQL for the run; ' +
        'or start one with `scripts/test-postgres.sh start` and export the URL in FOLDER/url.',
    );
  }
  return url;
}

/** A new, empty database on the test server; `drop()` removes it. */
export async function createDatabase(): Promise<{
  url: string;
  name: string;
  drop(): Promise<void>;
}> {
  const adminUrl = testDatabaseUrl();
  const name = `e2e_${randomBytes(6).toString('hex')}`;
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
    name,
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

/** Runs one statement on `url` as its owner (for preparing a broken schema). */
export async function execute(url: string, statement: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}
