/**
 * Throw-away databases on the run's PostgreSQL server (`TEST_DATABASE_URL`), for the database
 * suites here and the browser suite's process tests (`e2e/tests/database.spec.ts`). Without a
 * server they fail, saying how to get one: they never skip silently.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { tenantRoleOf } from '../../../src/db/access.ts';

/** The server URL, or a failure that says how to get one. */
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

/** Runs one statement on `url` with a connection of its own (e.g. create or drop a database). */
export async function execute(url: string, statement: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

/** The tenant role of the database `name`, quoted, as the migrator names it. */
export async function tenantRoleOfDatabase(name: string): Promise<string> {
  const query = new PgDialect().sqlToQuery(
    sql`select quote_ident(${tenantRoleOf(sql`${name}`)}) as role`,
  );
  const client = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await client.unsafe<{ role: string }[]>(query.sql, query.params as string[]);
    if (!row) throw new Error('no role name');
    return row.role;
  } finally {
    await client.end();
  }
}

/** A URL of the test server for `database` (and `user`, when given, with no password). */
export function serverUrlFor(database: string, user?: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  if (user !== undefined) {
    url.username = user;
    url.password = '';
  }
  return url.href;
}

/**
 * Creates a database on the test server and returns its URL, its name and a way to drop it,
 * with the tenant role the migrator may have created for it (roles belong to the server).
 */
export async function createServerDatabase(
  prefix = 'test',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = serverUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await execute(adminUrl, `create database ${name}`);
  return {
    url: serverUrlFor(name),
    name,
    async drop() {
      await execute(adminUrl, `drop database if exists ${name} with (force)`);
      await execute(adminUrl, `drop role if exists ${await tenantRoleOfDatabase(name)}`);
    },
  };
}
