import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createServerDatabase } from '../src/postgres.ts';

describe('createServerDatabase', () => {
  it('creates a database of its own on the test server, and drops it', async () => {
    const database = await createServerDatabase('kit');
    const client = postgres(database.url, { max: 1 });
    try {
      const [row] = await client`select current_database() as name`;
      expect(row?.name).toBe(database.name);
    } finally {
      await client.end();
    }
    await database.drop();
    const admin = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1 });
    try {
      const rows = await admin`select 1 from pg_database where datname = ${database.name}`;
      expect(rows).toHaveLength(0);
    } finally {
      await admin.end();
    }
  });
});
