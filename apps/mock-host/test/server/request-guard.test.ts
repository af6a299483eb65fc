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

describe('Content-Type of POST and PUT (cross-site requests)', () => {
  const HOST = { host: 'localhost:4000' };

  // What a page on another site can send without a CORS preflight: a form, or fetch with a
  // string body (text/plain) or with no body and no type at all.
  it.each([
    ['text/plain', { 'content-type': 'text/plain;charset=UTF-8' }, '{}'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
    ['no Content-Type and no body', {}, undefined],
    ['no Content-Type with a JSON body', {}, '{}'],
    ['a JSON look-alike', { 'content-type': 'application/jsonp' }, '{}'],
  ])('refuses %s with 415, and nothing changes', async (_name, headers, body) => {
    const before = host.state.keys.list().length;
    const answer = await raw('POST', '/__mock/keys/rotate', { ...HOST, ...headers }, body);
    expect(answer.status).toBe(415);
    expect(firstCode(answer)).toBe('unsupported_media_type');
    expect(host.state.keys.list()).toHaveLength(before);
  });

  it('guards every POST and PUT route', async () => {
    const plain = { ...HOST, 'content-type': 'text/plain' };
    const answers = await Promise.all([
      raw('POST', '/__mock/tokens', plain, '{}'),
      raw('POST', '/__mock/reset', plain, '{}'),
      raw('POST', '/__mock/keys/retire', plain, '{"kid":"x"}'),
      raw('PUT', '/__mock/state', plain, '{"jwksOutage":"error"}'),
      raw('POST', '/v3/apps/compact_jws_tokens', plain, '{"app_code_name":"demo-app"}'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([415, 415, 415, 415, 415]);
    expect(host.state.jwksOutage).toBe('none');
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON ; charset=UTF-8',
  ])('accepts %s', async (type) => {
    const answer = await raw(
      'POST',
      '/__mock/keys/rotate',
      { ...HOST, 'content-type': type },
      '{}',
    );
    expect(answer.status).toBe(200);
  });

  it('lets GET through without a Content-Type', async () => {
    expect((await raw('GET', '/__mock/state', HOST)).status).toBe(200);
  });
});
