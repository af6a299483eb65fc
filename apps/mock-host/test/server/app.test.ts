import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
