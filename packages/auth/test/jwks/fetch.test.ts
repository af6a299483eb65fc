import { type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import { refusedUrl } from '@partner/test-kit/ports';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JwksFetchError } from '../../src/errors.ts';
import { fetchJwks } from '../../src/jwks/fetch.ts';
import { rejectionOf } from '../support/reject.ts';

// A generous deadline: on a busy machine even the first request can be slow. The tests
// about the deadline set a short one of their own.
const limits = { fetch: globalThis.fetch, timeoutMs: 5000, maxBytes: 4096 };
const SHORT_DEADLINE_MS = 300;
let server: JwksServer;

beforeAll(async () => {
  server = await startJwksServer({ keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] });
});
afterEach(() => server.setFault(null));
afterAll(() => server.close());

function failure(url: string | URL, options = limits): Promise<JwksFetchError> {
  return rejectionOf(JwksFetchError, fetchJwks(new URL(url), options));
}

describe('fetchJwks', () => {
  it('returns the parsed body and status of a 200 answer', async () => {
    const fetched = await fetchJwks(new URL(server.url), limits);
    expect(fetched.httpStatus).toBe(200);
    expect(fetched.document).toEqual({ keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] });
  });

  it('times out when the endpoint never answers', async () => {
    server.setFault({ kind: 'hang' });
    const started = performance.now();
    const error = await failure(server.url, { ...limits, timeoutMs: SHORT_DEADLINE_MS });
    expect(error.reason).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(SHORT_DEADLINE_MS + 1000);
  });

  it('reports an HTTP error status with its code', async () => {
    server.setFault({ kind: 'status', status: 500 });
    const error = await failure(server.url);
    expect(error.reason).toBe('http_status');
    expect(error.httpStatus).toBe(500);
    expect(error.message).toContain('HTTP 500');
  });

  it('rejects a body that is not JSON', async () => {
    server.setFault({ kind: 'body', body: '{"keys": [', contentType: 'application/json' });
    expect((await failure(server.url)).reason).toBe('not_json');
  });

  it('rejects an HTML page', async () => {
    server.setFault({
      kind: 'body',
      body: '<html><body>Maintenance</body></html>',
      contentType: 'text/html',
    });
    expect((await failure(server.url)).reason).toBe('not_json');
  });

  it('rejects JSON that is not valid UTF-8 instead of patching it with replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from('{"keys":[],"x":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    server.setFault({ kind: 'body', body, contentType: 'application/json' });
    expect((await failure(server.url)).reason).toBe('not_json');
  });

  it('stops reading a slowly streamed body as soon as it passes the cap', async () => {
    // 100 chunks of 1 KiB, 20 ms apart: reading all of it would take 2 s and 100 KiB.
    server.setFault({ kind: 'drip', chunkBytes: 1024, chunks: 100, intervalMs: 20 });
    const started = performance.now();
    const error = await failure(server.url);
    expect(error.reason).toBe('too_large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects a declared Content-Length over the cap without reading the body', async () => {
    server.setFault({
      kind: 'body',
      body: 'x'.repeat(limits.maxBytes + 1),
      contentType: 'application/json',
    });
    expect((await failure(server.url)).reason).toBe('too_large');
  });

  it('does not follow a redirect', async () => {
    server.setFault({ kind: 'redirect', location: `${server.origin}/elsewhere.json` });
    const before = server.requests;
    const error = await failure(server.url);
    expect(error.reason).toBe('redirect');
    expect(error.httpStatus).toBe(302);
    expect(server.requests - before).toBe(1);
  });

  it('reports a refused connection as a network failure', async () => {
    expect((await failure(await refusedUrl())).reason).toBe('network');
  });

  it('bounds a custom fetch that ignores the abort signal', async () => {
    const ignoresAbort: typeof fetch = () => new Promise<Response>(() => {});
    const error = await failure(server.url, { ...limits, fetch: ignoresAbort, timeoutMs: 50 });
    expect(error.reason).toBe('timeout');
  });

  it('reports an opaque redirect (what browsers and edge runtimes return) as a redirect', async () => {
    // A Node server cannot produce this response type, so it is injected.
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), 'type', {
      value: 'opaqueredirect',
    });
    const error = await failure(server.url, { ...limits, fetch: async () => opaque });
    expect(error.reason).toBe('redirect');
  });
});
