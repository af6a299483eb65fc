import { describe, expect, it } from 'vitest';
import { jsonError, readJsonObject } from '../../src/lib/http.ts';

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/api/notes', { method: 'POST', body, headers });

async function refusal(request: Request) {
  const result = await readJsonObject(request);
  if (result.ok) throw new Error('expected a refusal');
  return { status: result.response.status, body: await result.response.json() };
}

describe('readJsonObject', () => {
  it('reads a JSON object', async () => {
    expect(await readJsonObject(post('{"text":"hi"}'))).toEqual({
      ok: true,
      value: { text: 'hi' },
    });
  });

  it.each([
    ['not JSON', 'text=hi', 'The body must be JSON.'],
    ['an array', '[1]', 'The body must be a JSON object.'],
    ['null', 'null', 'The body must be a JSON object.'],
    ['a string', '"hi"', 'The body must be a JSON object.'],
    ['empty', '', 'The body must be JSON.'],
    [
      'over 16 KiB',
      JSON.stringify({ text: 'x'.repeat(17_000) }),
      'The body must be at most 16 KiB.',
    ],
  ])('refuses %s with 400 invalid_body', async (_name, body, message) => {
    expect(await refusal(post(body))).toEqual({
      status: 400,
      body: { error: { code: 'invalid_body', message } },
    });
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const request = post('{}', { 'content-length': String(1024 * 1024) });
    expect((await refusal(request)).body.error.message).toBe('The body must be at most 16 KiB.');
  });
});

describe('jsonError', () => {
  it('answers the shared error shape, never cached', async () => {
    const response = jsonError(404, 'not_found', 'No such note.');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No such note.' },
    });
  });
});
