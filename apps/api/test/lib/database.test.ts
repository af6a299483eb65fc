import { describe, expect, it } from 'vitest';
import { DbUnavailableError } from '../../src/db/errors.ts';
import { NoBusinessError, withDatabaseErrors } from '../../src/lib/database.ts';

const request = new Request('http://127.0.0.1/api/notes');
const failingWith = (error: unknown) =>
  withDatabaseErrors(async () => {
    throw error;
  });

describe('withDatabaseErrors', () => {
  it('passes the answer of a handler that succeeds through', async () => {
    const handler = withDatabaseErrors(async (_request, context: { n: number }) =>
      Response.json({ n: context.n }),
    );
    expect(await (await handler(request, { n: 7 })).json()).toEqual({ n: 7 });
  });

  it('answers 503 db_unavailable with Retry-After when the database is away', async () => {
    const response = await failingWith(new DbUnavailableError(new Error('ECONNREFUSED')))(
      request,
      {},
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: { code: 'db_unavailable', message: 'The database is unavailable; try again shortly.' },
    });
  });

  it('answers 403 no_business for a token without a business', async () => {
    const response = await failingWith(new NoBusinessError())(request, {});
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('no_business');
  });

  it('leaves any other error alone', async () => {
    const bug = new TypeError('a bug');
    await expect(failingWith(bug)(request, {})).rejects.toBe(bug);
  });
});
