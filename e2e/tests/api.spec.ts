import { readFile } from 'node:fs/promises';
// demo:start
import { connect } from 'node:net';
// demo:end
import { expect, test } from './support/fixtures.ts';
import { API, API_LOG, APP } from './support/urls.ts';

// The HTTP contract of apps/api, over real HTTP against `next start` and the mock platform's
// real JWKS. Browser behaviour is in app.spec.ts.

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

test.describe('authentication', () => {
  test('a valid token gets the verified staff member', async ({ request, platform }) => {
    const state = await platform.state();
    const response = await request.get(`${API}/api/me`, {
      headers: bearer(await platform.issueToken()),
    });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.staff).toEqual({ uid: state.staff.uid });
    expect(body.business).toEqual({ uid: state.business.uid });
    expect(body.app).toBe(state.appCodeName);
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());
    expect(response.headers()).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });

  test('no Authorization header: 401 with a realm challenge and missing_token', async ({
    request,
  }) => {
    const response = await request.get(`${API}/api/me`);
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toMatch(/^Bearer realm="[^"]+"$/);
    expect((await response.json()).error.code).toBe('missing_token');
  });

  for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Bearer  ']) {
    test(`"${header}" is an invalid request (400)`, async ({ request }) => {
      const response = await request.get(`${API}/api/me`, { headers: { Authorization: header } });
      expect(response.status()).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_request');
    });
  }

  const rejected: { name: string; overrides: Record<string, unknown>; code: string }[] = [
    { name: 'expired', overrides: { ttlSec: -120 }, code: 'token_expired' },
    {
      name: 'for another app',
      overrides: { claims: { aud: 'other-app' } },
      code: 'invalid_audience',
    },
    {
      name: 'from another issuer',
      overrides: { claims: { iss: 'someone' } },
      code: 'invalid_issuer',
    },
    { name: 'tampered', overrides: { tamper: true }, code: 'invalid_signature' },
    {
      name: 'forged under a published kid',
      overrides: { signWith: 'forged' },
      code: 'invalid_signature',
    },
    {
      name: 'signed with an unknown kid',
      overrides: { header: { kid: crypto.randomUUID() } },
      code: 'unknown_key',
    },
    {
      name: 'HS256 with the public key',
      overrides: { signWith: 'hs256' },
      code: 'unsupported_algorithm',
    },
    { name: 'alg none', overrides: { signWith: 'none' }, code: 'unsupported_algorithm' },
    // Time claims no date arithmetic can hold once answered 500; now refused before any route.
    {
      name: 'valid until the year 287,000 (exp 9e12)',
      overrides: { claims: { exp: 9e12 } },
      code: 'token_lifetime_too_long',
    },
    { name: 'with exp 1e300', overrides: { claims: { exp: 1e300 } }, code: 'malformed_token' },
    {
      name: 'valid for two hours',
      overrides: { ttlSec: 7200 },
      code: 'token_lifetime_too_long',
    },
  ];
  for (const { name, overrides, code } of rejected) {
    test(`a token ${name} is rejected with ${code}`, async ({ request, platform }) => {
      const token = await platform.mintToken(overrides);
      const response = await request.get(`${API}/api/me`, { headers: bearer(token) });
      expect(response.status()).toBe(401);
      const challenge = response.headers()['www-authenticate'];
      expect(challenge).toContain('error="invalid_token"');
      expect(challenge).not.toContain(token);
      const body = await response.json();
      expect(body.error.code).toBe(code);
      expect(typeof body.error.retryable).toBe('boolean');
      expect(JSON.stringify(body)).not.toContain(token);
    });
  }

  test('a staff member may read only their own record (403 subject_mismatch)', async ({
    request,
    platform,
  }) => {
    const state = await platform.state();
    const headers = bearer(await platform.issueToken());
    const own = await request.get(`${API}/api/staff/${state.staff.uid}`, { headers });
    expect(own.status()).toBe(200);
    expect((await own.json()).staff.uid).toBe(state.staff.uid);

    const other = state.directory[0]?.staff.find((s) => s.uid !== state.staff.uid);
    if (!other) throw new Error('the mock directory needs two staff members');
    const response = await request.get(`${API}/api/staff/${other.uid}`, { headers });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('subject_mismatch');
  });
});

test('the API logs each rejection by code, and never a token', async ({ request, platform }) => {
  const tokens = [
    await platform.mintToken({ ttlSec: -120 }),
    await platform.mintToken({ tamper: true }),
    await platform.issueToken(),
  ];
  for (const token of tokens) await request.get(`${API}/api/me`, { headers: bearer(token) });

  const log = await readFile(API_LOG, 'utf8');
  expect(log).toContain('"code":"token_expired"');
  expect(log).toContain('"code":"invalid_signature"');
  for (const token of tokens) {
    for (const segment of token.split('.')) expect(log).not.toContain(segment);
  }
});

test.describe('key rotation and JWKS outages', () => {
  test('a token signed with a newly rotated key verifies once the refetch cooldown allows', async ({
    request,
    platform,
  }) => {
    const before = await platform.state();
    const after = await platform.rotateKey();
    const active = after.keys.find((key) => key.active);
    expect(active?.kid).not.toBe(before.keys.find((key) => key.active)?.kid);
    const token = await platform.issueToken();
    // The API refetches on an unknown kid at most once per cooldown (1 s here): until then the
    // answer is a retryable unknown_key, never anything else.
    await expect
      .poll(async () => {
        const response = await request.get(`${API}/api/me`, { headers: bearer(token) });
        if (response.status() === 200) return 200;
        return (await response.json()).error.code;
      })
      .toBe(200);
  });

  test('JWKS down and an unknown kid: 503 jwks_unavailable with Retry-After', async ({
    request,
    platform,
  }) => {
    await platform.rotateKey();
    await platform.update({ jwksOutage: 'error' });
    const token = await platform.issueToken();
    const me = () => request.get(`${API}/api/me`, { headers: bearer(token) });
    // Inside the refetch cooldown left by an earlier test the kid is simply unknown; the first
    // refetch after it fails, and from then on the answer is 503.
    await expect.poll(async () => (await (await me()).json()).error.code).toBe('jwks_unavailable');
    const response = await me();
    expect(response.status()).toBe(503);
    expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
    const body = await response.json();
    // A fresh token would not help: the client should wait for Retry-After instead.
    expect(body.error).toMatchObject({ code: 'jwks_unavailable', retryable: false });
  });

  test('JWKS down: tokens signed with a cached key still verify', async ({ request, platform }) => {
    const token = await platform.issueToken();
    expect((await request.get(`${API}/api/me`, { headers: bearer(token) })).status()).toBe(200);
    await platform.update({ jwksOutage: 'error' });
    const again = await platform.issueToken();
    expect((await request.get(`${API}/api/me`, { headers: bearer(again) })).status()).toBe(200);
  });

  test('liveness answers ok and reveals nothing else', async ({ request }) => {
    const response = await request.get(`${API}/api/health`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('readiness follows the JWKS: 200 while keys are usable, 503 once none can be had', async ({
    request,
    platform,
  }) => {
    const ready = await request.get(`${API}/api/ready`);
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { jwks: 'ok', database: 'ok' },
    });
    // Cached keys stay usable through an outage (stale-if-error), so readiness holds.
    await platform.update({ jwksOutage: 'error' });
    expect((await request.get(`${API}/api/ready`)).status()).toBe(200);
  });
});

// demo:start
test.describe('notes', () => {
  test('are created, listed and deleted within the token business only', async ({
    request,
    platform,
  }) => {
    const state = await platform.state();
    const mine = bearer(await platform.issueToken());
    const text = `Call back about invoice ${crypto.randomUUID()}`;

    const created = await request.post(`${API}/api/notes`, { headers: mine, data: { text } });
    expect(created.status()).toBe(201);
    const note = await created.json();
    expect(note).toMatchObject({
      text,
      author_uid: state.staff.uid,
      business_uid: state.business.uid,
    });

    const listed = await (await request.get(`${API}/api/notes`, { headers: mine })).json();
    expect(listed.notes.map((n: { id: string }) => n.id)).toContain(note.id);

    const otherBusiness = state.directory.find((b) => b.uid !== state.business.uid);
    if (!otherBusiness?.staff[0]) throw new Error('the mock directory needs two businesses');
    await platform.update({ businessUid: otherBusiness.uid, staffUid: otherBusiness.staff[0].uid });
    const theirs = bearer(await platform.issueToken());
    const theirList = await (await request.get(`${API}/api/notes`, { headers: theirs })).json();
    expect(theirList.notes.map((n: { id: string }) => n.id)).not.toContain(note.id);
    const theirDelete = await request.delete(`${API}/api/notes/${note.id}`, { headers: theirs });
    expect(theirDelete.status()).toBe(404);

    expect((await request.delete(`${API}/api/notes/${note.id}`, { headers: mine })).status()).toBe(
      204,
    );
    expect((await request.delete(`${API}/api/notes/${note.id}`, { headers: mine })).status()).toBe(
      404,
    );
  });

  test("author=me lists the caller's own notes, as the token names them; no other author", async ({
    request,
    platform,
  }) => {
    const state = await platform.state();
    const colleague = state.directory
      .find((b) => b.uid === state.business.uid)
      ?.staff.find((s) => s.uid !== state.staff.uid);
    if (!colleague) throw new Error('the mock directory needs two staff members per business');
    const tag = crypto.randomUUID();
    const write = async (headers: Record<string, string>, text: string) =>
      expect((await request.post(`${API}/api/notes`, { headers, data: { text } })).status()).toBe(
        201,
      );
    const mine = bearer(await platform.issueToken());
    await write(mine, `mine ${tag}`);
    await platform.update({ staffUid: colleague.uid });
    const theirs = bearer(await platform.issueToken());
    await write(theirs, `theirs ${tag}`);

    const texts = async (headers: Record<string, string>, query: string) => {
      const response = await request.get(`${API}/api/notes?limit=100${query}`, { headers });
      expect(response.status()).toBe(200);
      const { notes } = (await response.json()) as { notes: { text: string }[] };
      return notes.map((n) => n.text).filter((text) => text.endsWith(tag));
    };
    expect(await texts(mine, '')).toEqual([`theirs ${tag}`, `mine ${tag}`]);
    expect(await texts(mine, '&author=me')).toEqual([`mine ${tag}`]);
    expect(await texts(theirs, '&author=me')).toEqual([`theirs ${tag}`]);

    const other = await request.get(`${API}/api/notes?author=${colleague.uid}`, { headers: mine });
    expect(other.status()).toBe(400);
    expect((await other.json()).error.code).toBe('invalid_query');
  });

  for (const [name, data] of [
    ['empty text', { text: '   ' }],
    ['text over 2000 characters', { text: 'x'.repeat(2001) }],
    ['a number', { text: 42 }],
    ['no text', {}],
    ['a NUL byte', { text: 'a\u0000b' }],
    ['a forged log line', { text: 'ok\r{"level":"error"}' }],
    ['not JSON', 'text=hello'],
    ['a JSON array', '[1,2]'],
  ] as const) {
    test(`a note with ${name} is refused with 400 invalid_body`, async ({ request, platform }) => {
      const response = await request.post(`${API}/api/notes`, {
        headers: { ...bearer(await platform.issueToken()), 'Content-Type': 'application/json' },
        data: typeof data === 'string' ? data : JSON.stringify(data),
      });
      expect(response.status()).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_body');
    });
  }
});

test.describe('slow request bodies', () => {
  test('a body that stalls after 14 of 16000 declared bytes gets 408 body_timeout', async ({
    platform,
  }) => {
    // The deadline is 10 s; without it the handler waited for Node's 300 s request timeout.
    test.setTimeout(40_000);
    const answer = await stalledPost('/api/notes', await platform.issueToken(), {
      declared: 16_000,
      sent: '{"text":"stall',
    });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error.code).toBe('body_timeout');
  });
});

test.describe('hostile claims', () => {
  for (const [name, business_uid] of [
    ['an 8,000-character business uid', 'b'.repeat(8000)],
    ['a NUL in the business uid', 'biz\u0000one'],
    ['a newline in the business uid', 'biz\n{"forged":true}'],
  ] as const) {
    test(`a token with ${name} gets a 4xx with a code, never a 500`, async ({
      request,
      platform,
    }) => {
      const headers = bearer(await platform.mintToken({ claims: { business_uid } }));
      for (const response of [
        await request.get(`${API}/api/notes`, { headers }),
        await request.post(`${API}/api/notes`, { headers, data: { text: 'hi' } }),
      ]) {
        expect(response.status()).toBeGreaterThanOrEqual(400);
        expect(response.status()).toBeLessThan(500);
        expect((await response.json()).error.code).toBe('invalid_claims');
      }
    });
  }
});
// demo:end

test.describe('CORS and unknown routes', () => {
  test('a preflight from the iframe origin may send Authorization', async ({ request }) => {
    const response = await request.fetch(`${API}/api/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(response.status()).toBe(204);
    const headers = response.headers();
    expect(headers['access-control-allow-origin']).toBe(APP);
    expect(headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
  });

  test('another origin gets no CORS grant', async ({ request }) => {
    const response = await request.get(`${API}/api/me`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.headers()['access-control-allow-origin']).toBeUndefined();
  });

  test('the image optimizer is off: /_next/image answers 404 and fetches nothing', async ({
    request,
  }) => {
    // With the optimizer on, this makes the server fetch /api/health and try to decode it.
    const response = await request.get(`${API}/_next/image?url=%2Fapi%2Fhealth&w=64&q=75`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain('valid image');
  });

  test('an unknown API path, and /api itself, answer a JSON 404 with CORS', async ({ request }) => {
    for (const path of ['/api/nope', '/api', '/api/me/a/b']) {
      const response = await request.get(`${API}${path}`, { headers: { Origin: APP } });
      expect(response.status(), path).toBe(404);
      expect((await response.json()).error.code, path).toBe('not_found');
      expect(response.headers()['access-control-allow-origin'], path).toBe(APP);
    }
  });

  test("each route's preflight grants exactly its methods", async ({ request }) => {
    const routes = {
      '/api/me': 'GET, OPTIONS',
      // demo:start
      '/api/notes': 'GET, POST, OPTIONS',
      '/api/notes/00000000-0000-4000-8000-000000000000': 'DELETE, OPTIONS',
      // demo:end
      '/api/health': 'GET, OPTIONS',
      '/api/ready': 'GET, OPTIONS',
    };
    for (const [path, methods] of Object.entries(routes)) {
      const response = await request.fetch(`${API}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: APP, 'Access-Control-Request-Method': 'GET' },
      });
      expect(response.headers()['access-control-allow-methods'], path).toBe(methods);
    }
  });

  test('a method the route does not declare answers 405 JSON with Allow and CORS', async ({
    request,
    platform,
  }) => {
    const response = await request.put(`${API}/api/me`, {
      headers: { Origin: APP, ...bearer(await platform.issueToken()) },
      data: { text: 'x' },
    });
    expect(response.status()).toBe(405);
    expect(response.headers().allow).toBe('GET, HEAD, OPTIONS');
    expect(response.headers()['access-control-allow-origin']).toBe(APP);
    expect((await response.json()).error.code).toBe('method_not_allowed');
  });
});

// demo:start
/**
 * POSTs over a raw socket: a request head declaring `declared` bytes, then only `sent`, then
 * nothing. Resolves with the status and body of the answer, however the server frames it.
 */
function stalledPost(
  path: string,
  token: string,
  body: { declared: number; sent: string },
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(API);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [
          `POST ${path} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          `Authorization: Bearer ${token}`,
          'Content-Type: application/json',
          `Content-Length: ${body.declared}`,
          'Connection: close',
          '',
          body.sent,
        ].join('\r\n'),
      );
    });
    let received = Buffer.alloc(0);
    const settle = (final: boolean) => {
      const answer = parseResponse(received, final);
      if (answer === undefined) return;
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle(false);
    });
    socket.on('end', () => settle(true));
    socket.on('close', () => reject(new Error(`closed without a whole answer: ${received}`)));
    socket.on('error', reject);
  });
}

/** A whole HTTP/1.1 response (Content-Length, chunked, or ended by close), or undefined. */
function parseResponse(raw: Buffer, closed: boolean): { status: number; body: string } | undefined {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const head = raw.subarray(0, split).toString('latin1');
  const rest = raw.subarray(split + 4);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const length = /^content-length: *(\d+)$/im.exec(head)?.[1];
  if (length !== undefined) {
    const size = Number(length);
    return rest.length >= size
      ? { status, body: rest.subarray(0, size).toString('utf8') }
      : undefined;
  }
  if (/^transfer-encoding: *chunked$/im.test(head)) {
    const chunks: Buffer[] = [];
    for (let at = 0; ; ) {
      const line = rest.indexOf('\r\n', at);
      if (line < 0) return undefined;
      const size = Number.parseInt(rest.subarray(at, line).toString('latin1'), 16);
      if (size === 0) return { status, body: Buffer.concat(chunks).toString('utf8') };
      if (rest.length < line + 2 + size + 2) return undefined;
      chunks.push(rest.subarray(line + 2, line + 2 + size));
      at = line + 2 + size + 2;
    }
  }
  return closed ? { status, body: rest.toString('utf8') } : undefined;
}
// demo:end
