/**
 * Throw-away databases on the run's PostgreSQL server (`TEST_DATABASE_URL`, which `pnpm test`
 * and `pnpm test:unit` start). Without a server they fail, saying how to get one: never a skip.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The server URL, or a failure that says how to get one. */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run the tests with `pnpm test` or `pnpm test:unit`, which ' +
        'start a throw-away PostgreSQL, or start one with `scripts/test-postgres.sh start` and ' +
        'export the URL it prints (needs the PostgreSQL server binaries, Debian: ' +
        '`apt-get install postgresql`).',
    );
  }
  return url;
}

/** Runs one statement on `url` with a connection of its own (e.g. create or drop a database). */
export async function execute(url: string, statement: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

/** Creates a database on the test server and returns its URL, its name and a way to drop it. */
export async function createServerDatabase(
  prefix = 'test',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = serverUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await execute(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    drop: () => execute(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
