import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHost, type PageHandler } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { startMockHost, type TestHost } from '../helpers/mock-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startMockHost();
});
afterAll(() => host.close());

describe('router', () => {
  it('answers 404 not_found for an unknown path, in the platform error shape', async () => {
    const { status, body } = await host.request('GET', '/v3/apps/unknown');
    expect(status).toBe(404);
    expect(body).toEqual({
      success: false,
      errors: [{ code: 'not_found', message: 'No route for GET /v3/apps/unknown.' }],
    });
  });

  it('answers 405 method_not_allowed with Allow for a known path', async () => {
    const { status, headers, body } = await host.request('DELETE', '/__mock/state');
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET, PUT');
    expect(body.errors[0]?.code).toBe('method_not_allowed');
  });

  it('answers 413 body_too_large for a body over 16 KiB', async () => {
    const { status, body } = await host.request('POST', '/__mock/tokens', {
      claims: { padding: 'x'.repeat(17 * 1024) },
    });
    expect(status).toBe(413);
    expect(body.errors[0]?.code).toBe('body_too_large');
  });

  it('answers 400 invalid_body for a JSON body that is not an object', async () => {
    const { status, body } = await host.request('PUT', '/__mock/state', '"staff"');
    expect(status).toBe(400);
    expect(body.errors[0]?.code).toBe('invalid_body');
  });

  it('marks answers as not cacheable', async () => {
    const { headers } = await host.request('GET', '/__mock/state');
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('survives a client that hangs up mid-body', async () => {
    const url = new URL('/__mock/tokens', host.base);
    await new Promise<void>((resolve) => {
      const req = request(url, { method: 'POST', headers: { 'content-length': '100' } });
      req.on('error', () => resolve());
      req.write('{"claims":', () => req.destroy());
    });
    const { status } = await host.request('GET', '/__mock/state');
    expect(status).toBe(200);
  });
});

describe('the host page', () => {
  // The page stands in for the platform's top-level shell: its dev panel mints and rotates keys
  // on a click, so no other site may frame it and trick someone into clicking.
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // Serves the page as sirv and Vite do: its own status and headers in one writeHead.
    const page: PageHandler = async (req, res) => {
      if (req.url !== '/') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>host</title>');
      return true;
    };
    const { handler } = await createMockHost(readConfig({ NODE_ENV: 'test' }), { page });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it("may be framed by no site: CSP frame-ancestors 'none' and X-Frame-Options DENY", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
