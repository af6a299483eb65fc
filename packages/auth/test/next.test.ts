import { describe, expect, it } from 'vitest';
import { AuthError } from '../src/index.ts';
import { withAuth } from '../src/next.ts';
import { useVerifierFixture } from './support/jwks-fixture.ts';

// A verifier trusting a local JWKS server, and a valid staff token it accepts.
const fixture = useVerifierFixture();

type RouteContext = { params: Promise<{ uid: string }> };
const context = (uid: string): RouteContext => ({ params: Promise.resolve({ uid }) });
const request = (authorization?: string) =>
  new Request('http://127.0.0.1/api/staff/x', authorization ? { headers: { authorization } } : {});

describe('withAuth', () => {
  const echo = (req: Request, ctx: RouteContext) =>
    withAuth<RouteContext>(fixture.verifier, async (_request, { auth, params }) =>
      Response.json({ sub: auth.sub, uid: (await params).uid }),
    )(req, ctx);

  it('runs the handler with the route context and the verified claims', async () => {
    const response = await withAuth<RouteContext>(
      fixture.verifier,
      async (_request, { auth, params }) =>
        Response.json({ sub: auth.sub, business: auth.business_uid, uid: (await params).uid }),
    )(request(`Bearer ${fixture.token}`), context('u1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: 'staff-1', business: 'biz-1', uid: 'u1' });
  });

  it('answers 401 missing_token without calling the handler', async () => {
    const response = await echo(request(), context('u1'));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('missing_token');
  });

  it('answers 400 for a malformed header and 401 for a bad token', async () => {
    expect((await echo(request('Basic abc'), context('u1'))).status).toBe(400);
    const response = await echo(request('Bearer a.b.c'), context('u1'));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('checks the subject from the route and answers 403 on a mismatch', async () => {
    const guarded = withAuth<RouteContext>(
      fixture.verifier,
      (_request, { auth }) => Response.json({ sub: auth.sub }),
      {
        subject: async (_request, ctx) => (await ctx.params).uid,
      },
    );
    expect((await guarded(request(`Bearer ${fixture.token}`), context('staff-1'))).status).toBe(
      200,
    );
    const response = await guarded(request(`Bearer ${fixture.token}`), context('staff-2'));
    expect(response.status).toBe(403);
    expect((await response.json()).error).toEqual({
      code: 'subject_mismatch',
      message: 'The token belongs to another staff member.',
      retryable: false,
    });
  });

  it.each([
    ['no token', undefined, 401, 'missing_token'],
    ['a malformed header', 'Basic abc', 400, 'invalid_request'],
    ['a bad token', 'Bearer a.b.c', 401, 'malformed_token'],
  ])('never runs the subject lookup for %s', async (_, authorization, status, code) => {
    let lookups = 0;
    const guarded = withAuth<RouteContext>(fixture.verifier, () => new Response('unreachable'), {
      subject: () => {
        lookups += 1;
        throw new RangeError('the app looked up an unauthenticated caller');
      },
    });
    const response = await guarded(request(authorization), context('staff-1'));
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    expect(lookups).toBe(0);
  });

  it('turns an AuthError thrown by the subject resolver into its response', async () => {
    const guarded = withAuth(fixture.verifier, () => new Response('unreachable'), {
      subject: () => {
        throw new AuthError('invalid_request', 'No staff uid in the path.');
      },
    });
    expect((await guarded(request(`Bearer ${fixture.token}`), {})).status).toBe(400);
  });

  it('leaves errors from the handler itself alone', async () => {
    const failing = withAuth(fixture.verifier, () => {
      throw new RangeError('handler bug');
    });
    await expect(failing(request(`Bearer ${fixture.token}`), {})).rejects.toThrow(RangeError);
  });
});
