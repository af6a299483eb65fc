/**
 * Throw-away databases on the run's PostgreSQL server (`TEST_DATABASE_URL`), for the database
 * suites here and the browser suite's process tests (`e2e/tests/database.spec.ts`). Without a
 * server they fail, saying how to get one: they never skip silently.
 */
import {
  createServerDatabase as createBareDatabase,
  execute,
  serverUrl,
} from '@partner/test-kit/postgres';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { tenantRoleOf } from '../../../src/db/access.ts';

export { execute, serverUrl };

/** The tenant role of the database `name`, quoted, as the migrator names it. */
async function tenantRoleOfDatabase(name: string): Promise<string> {
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
  const created = await createBareDatabase(prefix);
  return {
    ...created,
    async drop() {
      await created.drop();
      await execute(serverUrl(), `drop role if exists ${await tenantRoleOfDatabase(created.name)}`);
    },
  };
}
