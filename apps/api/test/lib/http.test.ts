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
  ])('refuses %s with 400 invalid_body', async (_name, body, message) => {
    expect(await refusal(post(body))).toEqual({
      status: 400,
      body: { error: { code: 'invalid_body', message } },
    });
  });

  const tooLarge = {
    status: 413,
    body: { error: { code: 'body_too_large', message: 'The body must be at most 16 KiB.' } },
  };

  it('refuses a body over 16 KiB with 413 body_too_large', async () => {
    expect(await refusal(post(JSON.stringify({ text: 'x'.repeat(17_000) })))).toEqual(tooLarge);
  });

  it('accepts a body of exactly 16 KiB', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(16 * 1024 - 11) });
    expect(Buffer.byteLength(body)).toBe(16 * 1024);
    expect((await readJsonObject(post(body))).ok).toBe(true);
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const request = post('{}', { 'content-length': String(1024 * 1024) });
    expect(await refusal(request)).toEqual(tooLarge);
  });

  it('stops reading a streamed body at the limit and cancels the rest', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request('http://127.0.0.1/api/notes', {
      method: 'POST',
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(await refusal(request)).toEqual(tooLarge);
    expect(cancelled).toBe(true);
    // 16 KiB is four 4 KiB chunks; the fifth crosses the limit and nothing more is read.
    expect(pulled).toBeLessThanOrEqual(6);
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
