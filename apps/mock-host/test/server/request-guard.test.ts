import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InvalidHostError } from '../../src/server/errors.ts';
import { checkHost } from '../../src/server/request-guard.ts';
import type { PlatformErrorBody } from '../../src/shared/contract.ts';
import { type TestHost, useMockHost } from '../helpers/mock-host.ts';

let host: TestHost;
useMockHost((started) => {
  host = started;
});

interface RawAnswer {
  status: number;
  body: PlatformErrorBody | Record<string, unknown>;
}

/** A real HTTP request with headers fetch would not let a test forge (Host). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, host.base), { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const firstCode = (answer: RawAnswer) =>
  'errors' in answer.body ? (answer.body as PlatformErrorBody).errors[0]?.code : undefined;

describe('Host header (DNS rebinding)', () => {
  it.each([
    'localhost:4000',
    'localhost',
    'LOCALHOST:80',
    '127.0.0.1:4000',
    '127.8.9.10',
    '[::1]:4000',
    '[::1]',
  ])('answers a request for %s', async (name) => {
    const { status } = await raw('GET', '/__mock/state', { host: name });
    expect(status).toBe(200);
  });

  it.each([
    'attacker.test',
    'attacker.test:4000',
    'localhost.attacker.test:4000',
    '127.0.0.1.attacker.test',
    '192.168.1.20:4000',
    '0.0.0.0:4000',
    '[::]:4000',
    'user@localhost:4000',
    'localhost:4000/path',
  ])('refuses %j with 403 invalid_host, before any route runs', async (name) => {
    const before = host.state.keys.list().length;
    const answer = await raw(
      'POST',
      '/__mock/keys/rotate',
      { host: name, 'content-type': 'application/json' },
      '{}',
    );
    expect(answer.status).toBe(403);
    expect(firstCode(answer)).toBe('invalid_host');
    expect(host.state.keys.list()).toHaveLength(before);
  });

  it('refuses a request without a Host header (Node itself answers 400 to HTTP/1.1 ones)', () => {
    expect(() => checkHost({})).toThrow(InvalidHostError);
  });

  it('also guards the platform endpoints and the JWKS', async () => {
    const answer = await raw('GET', '/v3/apps/.well-known/jwks.json', { host: 'attacker.test' });
    expect(answer.status).toBe(403);
  });
});
