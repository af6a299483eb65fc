import { request as httpRequest } from 'node:http';
import { type ApiProcess, PRODUCTION_ENV, residentMiB, startApi } from './support/api-server.ts';
import { expect, test } from './support/fixtures.ts';

// Request bodies that cannot exhaust memory, proven on the demo's POST /api/notes (the one route
// that reads a body): the API's production build as its own process; the mock platform of the
// suite issues the tokens. A feature of yours that reads a body can keep these tests.

test.describe('request bodies', () => {
  let api: ApiProcess;
  test.beforeAll(async () => {
    api = await startApi(PRODUCTION_ENV);
  });
  test.afterAll(async () => {
    await api.stop();
  });

  test('an oversized body gets 413 body_too_large, declared or streamed', async ({
    request,
    platform,
  }) => {
    const token = await platform.issueToken();
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const declared = await request.post(`${api.url}/api/notes`, {
      headers,
      data: JSON.stringify({ text: 'x'.repeat(64 * 1024) }),
    });
    expect(declared.status()).toBe(413);
    expect((await declared.json()).error.code).toBe('body_too_large');

    const streamed = await postChunked(`${api.url}/api/notes`, headers, 64 * 1024);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('body_too_large');
  });

  test('100 unauthenticated 9 MB uploads leave memory bounded', async () => {
    const before = await residentMiB(api.pid);
    const uploads = Array.from({ length: 100 }, () =>
      upload(`${api.url}/api/notes`, 9 * 1024 * 1024),
    );
    const statuses = await Promise.all(uploads);
    // Refused at authentication (or cut off once refused: -1); the 900 MB were never buffered.
    expect(statuses.filter((status) => status !== 401 && status !== -1)).toEqual([]);
    expect(statuses).toContain(401);
    const growth = (await residentMiB(api.pid)) - before;
    test.info().annotations.push({ type: 'rss growth (MiB)', description: growth.toFixed(1) });
    expect(growth).toBeLessThan(150);
  });
});

/** POSTs `bytes` of JSON-ish body with chunked encoding (no Content-Length to refuse early). */
function postChunked(url: string, headers: Record<string, string>, bytes: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(8 * 1024, 'x');
    for (let sent = 0; sent < bytes; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

/** Sends a large body with a declared length and no token; resolves with the status, -1 if cut off. */
function upload(url: string, bytes: number) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': bytes } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The server may answer and close before the whole body is sent: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve(-1);
      else reject(error);
    });
    const chunk = Buffer.alloc(256 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(sent <= bytes ? chunk : chunk.subarray(0, bytes - (sent - chunk.length)))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
