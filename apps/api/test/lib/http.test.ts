import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/lib/errors.ts';
import { BODY_DEADLINE_MS, errorResponse, readJsonObject } from '../../src/lib/http.ts';

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/api/items', { method: 'POST', body, headers });

/** The answer the route helper gives for the error `readJsonObject` throws. */
async function refusal(request: Request, options?: Parameters<typeof readJsonObject>[1]) {
  const error = await readJsonObject(request, options).then(
    () => expect.fail('expected a refusal'),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw error;
  const response = errorResponse(error);
  return { status: response.status, body: await response.json() };
}

describe('readJsonObject', () => {
  it('reads a JSON object', async () => {
    expect(await readJsonObject(post('{"text":"hi"}'))).toEqual({ text: 'hi' });
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
    expect(await readJsonObject(post(body))).toHaveProperty('text');
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
    const request = new Request('http://127.0.0.1/api/items', {
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

describe('readJsonObject deadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A body whose client sent `sent` and then nothing more, or one byte every `trickleMs`. */
  function slowBody(sent: string, trickleMs?: number) {
    const state = { cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(sent));
      },
      pull(controller) {
        if (trickleMs === undefined) return new Promise<void>(() => {});
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            if (!state.cancelled) controller.enqueue(new Uint8Array([0x20]));
            resolve();
          }, trickleMs),
        );
      },
      cancel() {
        state.cancelled = true;
      },
    });
    const request = new Request('http://127.0.0.1/api/items', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    return { request, state };
  }

  it('is 10 s', () => {
    expect(BODY_DEADLINE_MS).toBe(10_000);
  });

  it('answers 408 body_timeout when the body stalls (14 bytes, then nothing), and cancels it', async () => {
    const { request, state } = slowBody('{"text":"stall');
    expect(await refusal(request, { deadlineMs: 50 })).toEqual({
      status: 408,
      body: { error: { code: 'body_timeout', message: 'The body did not arrive within 0.05 s.' } },
    });
    expect(state.cancelled).toBe(true);
  });

  it('waits exactly the 10 s deadline by default', async () => {
    vi.useFakeTimers();
    const { request } = slowBody('{"text":"stall');
    let answered: unknown;
    void readJsonObject(request).catch((error: unknown) => {
      answered = error;
    });
    await vi.advanceTimersByTimeAsync(BODY_DEADLINE_MS - 1);
    expect(answered).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toMatchObject({
      status: 408,
      code: 'body_timeout',
      message: 'The body did not arrive within 10 s.',
    });
  });

  it('bounds the whole body, not each chunk: a byte a second does not keep it open', async () => {
    vi.useFakeTimers();
    const { request, state } = slowBody('{"text":"', 1000);
    const result = refusal(request);
    await vi.advanceTimersByTimeAsync(BODY_DEADLINE_MS);
    expect((await result).status).toBe(408);
    expect(state.cancelled).toBe(true);
  });

  it('leaves no timer behind once a body has arrived in time', async () => {
    vi.useFakeTimers();
    expect(await readJsonObject(post('{"text":"hi"}'))).toEqual({ text: 'hi' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('errorResponse', () => {
  it('answers the shared error shape with its status and headers, never cached', async () => {
    const response = errorResponse(
      new ApiError('method_not_allowed', { message: 'Use GET.', headers: { Allow: 'GET' } }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toEqual({
      error: { code: 'method_not_allowed', message: 'Use GET.' },
    });
  });

  it("takes the catalogue's status and sentence when the route says nothing more", async () => {
    const response = errorResponse(new ApiError('not_found'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });
});
