import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { DbUnavailableError } from '../../src/db/errors.ts';
import { ApiError } from '../../src/lib/errors.ts';
import { publicMethod, route, staffMethod, tenantMethod } from '../../src/lib/route.ts';
import { ORIGIN, type RouteHarness, startRouteHarness } from '../support/route-harness.ts';

let api: RouteHarness;
beforeAll(async () => {
  api = await startRouteHarness();
});
afterAll(() => api.close());
afterEach(() => vi.restoreAllMocks());

/** Tenant data a failing query would carry in its message: none of it may reach the log. */
const SECRET = 'biz-secret\n{"forged":"log line"}';

function logged(spy: { mock: { calls: unknown[][] } }) {
  expect(spy.mock.calls).toHaveLength(1);
  const [line] = spy.mock.calls[0] as [string];
  expect(line).not.toContain('\n');
  return { line, entry: JSON.parse(line) as Record<string, unknown> };
}

describe('route: the last catch', () => {
  it('answers an unexpected error 500 internal_error with CORS, and logs one line without tenant data', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const things = route({
      GET: staffMethod({ params: z.object({ id: z.string() }) }, () => {
        const cause = Object.assign(new Error(`params: ${SECRET}`), { code: '22021' });
        throw new Error(`Failed query: select … params: ${SECRET}`, { cause });
      }),
    });
    const token = await api.token({ business_uid: SECRET });
    const response = await api.call(things, '/api/things/t-42', { token, params: { id: 't-42' } });

    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const requestId = response.headers.get('x-request-id');
    expect(await response.json()).toEqual({
      error: {
        code: 'internal_error',
        message: `Something went wrong on our side (request ${requestId}).`,
      },
    });
    const { line, entry } = logged(error);
    expect(entry).toMatchObject({
      source: 'api',
      event: 'internal_error',
      method: 'GET',
      route: '/api/things/[id]',
      request_id: requestId,
      error: ['Error', 'Error'],
      sqlstate: '22021',
    });
    for (const leak of ['biz-secret', 'forged', 'Failed query', 't-42', token]) {
      expect(line).not.toContain(leak);
    }
  });

  it("logs a real failed query's SQLSTATE, never its SQL or parameters", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = route({
      POST: tenantMethod({}, async ({ tx, tenant }) => {
        await tx.execute(sql`select ${tenant.businessUid}::int / 0`);
        return {};
      }),
    });
    const response = await api.call(broken, '/api/broken', {
      method: 'POST',
      token: { business_uid: '12' },
    });
    expect(response.status).toBe(500);
    const { line, entry } = logged(error);
    expect(entry.sqlstate).toBe('22012');
    expect(line).not.toMatch(/select|params|"12"/i);
  });

  it('answers 503 db_unavailable with Retry-After when the database is away', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const away = route({
      GET: staffMethod({}, () => {
        throw new DbUnavailableError(new Error('connect ECONNREFUSED'));
      }),
    });
    const response = await api.call(away, '/api/away', { token: {} });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'db_unavailable',
    );
  });

  it('answers an ApiError through the catalogue, with its headers', async () => {
    const full = route({
      POST: publicMethod({}, () => {
        throw new ApiError('limit_reached');
      }),
    });
    const response = await api.call(full, '/api/full', { method: 'POST' });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: 'limit_reached',
        message: 'This business has reached its limit; delete some first.',
      },
    });
  });
});

// demo:start
describe('route: row cap', () => {
  it('answers 409 limit_reached with CORS at the bound, without running the handler', async () => {
    // The app's schema is the only one the process database has: the demo's table serves here.
    const { createNote } = await import('../../src/db/notes.ts');
    const { notes } = await import('../../src/db/schema.ts');
    let ran = 0;
    const capped = route({
      POST: tenantMethod({ status: 201, rowCap: { table: notes, max: 2 } }, ({ tx, tenant }) => {
        ran += 1;
        return createNote(tx, tenant, { text: `note ${ran}` });
      }),
    });
    const token = { business_uid: 'biz-route-cap' };
    const statuses = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const response = await api.call(capped, '/api/capped', { method: 'POST', token });
        return response.status;
      }),
    );
    expect(statuses.sort()).toEqual([201, 201, 409, 409]);
    expect(ran).toBe(2);

    const refused = await api.call(capped, '/api/capped', { method: 'POST', token });
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await refused.json()).toEqual({
      error: {
        code: 'limit_reached',
        message: 'This business keeps 2 notes, the most it may; delete some first.',
      },
    });
    const elsewhere = { business_uid: 'biz-route-cap-other' };
    expect(
      (await api.call(capped, '/api/capped', { method: 'POST', token: elsewhere })).status,
    ).toBe(201);
  });
});
// demo:end

describe('route: methods', () => {
  const getOnly = route({ GET: publicMethod({}, () => ({ ok: true })) });
  const postOnly = route({ POST: publicMethod({}, () => null) });

  it('lists HEAD in Allow only when GET is declared', async () => {
    const get = await api.call(getOnly, '/api/x', { method: 'DELETE' });
    expect(get.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const post = await api.call(postOnly, '/api/x', { method: 'GET' });
    expect(post.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('answers null with 204, and a JSON body with the declared status', async () => {
    expect((await api.call(postOnly, '/api/x', { method: 'POST' })).status).toBe(204);
    const created = route({ PUT: publicMethod({ status: 201 }, () => ({ id: 1 })) });
    const response = await api.call(created, '/api/x', { method: 'PUT' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 1 });
  });

  it('passes a Response the handler made through, adding CORS', async () => {
    const custom = route({ GET: publicMethod({}, () => new Response('hi', { status: 418 })) });
    const response = await api.call(custom, '/api/x');
    expect(response.status).toBe(418);
    expect(await response.text()).toBe('hi');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses a route that declares no method', () => {
    expect(() => route({})).toThrow(TypeError);
  });
});

describe('route: staff and params', () => {
  it('checks the subject only after the token is verified', async () => {
    const lookup = vi.fn((params: { uid: string }) => params.uid);
    const own = route({
      GET: staffMethod({ params: z.object({ uid: z.string() }), subject: lookup }, ({ auth }) => ({
        uid: auth.sub,
      })),
    });
    const call = (uid: string, token?: null) =>
      api.call(own, `/api/staff/${uid}`, { params: { uid }, token });
    expect((await call('staff-1', null)).status).toBe(401);
    expect(lookup).not.toHaveBeenCalled();
    expect((await call('staff-1')).status).toBe(200);
    const other = await call('staff-2');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe(
      'subject_mismatch',
    );
  });

  it('answers params that fail their schema 404, like a missing resource', async () => {
    const byId = route({
      GET: publicMethod({ params: z.object({ id: z.uuid() }) }, ({ params }) => params),
    });
    const response = await api.call(byId, '/api/x/1', { params: { id: '1' } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
