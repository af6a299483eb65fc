import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { DbUnavailableError, isUnavailable, MigrationError } from '../../src/db/errors.ts';
import { prepareDatabase } from '../../src/db/migrate.ts';
import { inTenant } from '../../src/db/tenant.ts';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

const tenant = { businessUid: 'biz-1', staffUid: 'stf-1', actorUid: null };

describe('isUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['a connect timeout', Object.assign(new Error('timeout'), { code: 'CONNECT_TIMEOUT' })],
    ['a statement timeout', Object.assign(new Error('canceled'), { code: '57014' })],
    ['a server shutting down', Object.assign(new Error('shutdown'), { code: '57P01' })],
    ['a connection exception class', Object.assign(new Error('lost'), { code: '08006' })],
    [
      'a wrapped driver error',
      new Error('Failed query', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
    ],
    [
      'an aggregate of socket errors',
      Object.assign(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })])),
    ],
  ])('is true for %s', (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    ['a policy violation', Object.assign(new Error('rls'), { code: '42501' })],
    ['a syntax error', Object.assign(new Error('syntax'), { code: '42601' })],
    ['a plain error', new Error('bug')],
    ['a non-error', 'text'],
    ['nothing', undefined],
  ])('is false for %s', (_label, error) => {
    expect(isUnavailable(error)).toBe(false);
  });
});

/** A database on a loopback port nothing listens on. */
async function unreachableServer() {
  const port = await closedPort();
  return openDatabase({
    kind: 'server',
    url: `postgres://nobody@127.0.0.1:${port}/nothing`,
    poolMax: 1,
    statementTimeoutMs: 1000,
  });
}

describe('a PostgreSQL server that cannot be reached', () => {
  it('fails a tenant transaction with DbUnavailableError', async () => {
    const database = await unreachableServer();
    try {
      const failure = await inTenant(database.db, tenant, async () => 'never').catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DbUnavailableError);
      expect(failure).toMatchObject({ code: 'db_unavailable' });
    } finally {
      await database.close();
    }
  });
});

describe('starting on a PostgreSQL server that cannot be reached', () => {
  it.each([
    ['apply', /^Database migration failed: connect ECONNREFUSED 127\.0\.0\.1:\d+/],
    ['check', /^Database migration check failed: connect ECONNREFUSED 127\.0\.0\.1:\d+/],
  ] as const)(
    'in %s mode fails with one MigrationError naming the cause',
    async (mode, message) => {
      const database = await unreachableServer();
      try {
        const failure = await prepareDatabase(database, { mode }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(MigrationError);
        expect((failure as Error).message).toMatch(message);
      } finally {
        await database.close();
      }
    },
  );
});
