// Node's fetch (undici) is a WHATWG fetch; happy-dom's Response.clone() loses network bodies.

import { createClock } from '@partner/test-kit/clock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type AuthClient, createAuthClient } from '../../src/client/index.ts';
import { rejectionOf } from '../support/reject.ts';
import { type ApiServer, startApiServer } from './support/api-server.ts';
import { tokenSource } from './support/tokens.ts';

let api: ApiServer;
let client: AuthClient;

beforeEach(async () => {
  api = await startApiServer();
  const clock = createClock();
  client = createAuthClient({ getAuth: tokenSource(clock.now), baseUrl: api.url, now: clock.now });
});

afterEach(async () => {
  await api.close();
});

function failure(promise: Promise<unknown>): Promise<ApiError> {
  return rejectionOf(ApiError, promise);
}

describe('fetcher', () => {
  it('resolves with the JSON body', async () => {
    api.answer = (request) => ({ status: 200, body: { path: request.path } });
    await expect(client.fetcher('/api/me')).resolves.toEqual({ path: '/api/me' });
  });

  it('resolves with null for 204', async () => {
    api.answer = () => ({ status: 204 });
    await expect(client.fetcher('/api/items/1', { method: 'DELETE' })).resolves.toBeNull();
    expect(api.requests[0]?.method).toBe('DELETE');
  });

  it('throws ApiError with the API’s code, message and retryable flag', async () => {
    api.answer = () => ({
      status: 403,
      body: { error: { code: 'subject_mismatch', message: 'Not you.' } },
    });
    const error = await failure(client.fetcher('/api/staff/x'));
    expect(error).toMatchObject({
      status: 403,
      code: 'subject_mismatch',
      message: 'Not you.',
      retryable: false,
    });
  });

  it('reports retryable: true from a 401 that stays 401 after the retry', async () => {
    api.answer = () => ({
      status: 401,
      body: { error: { code: 'unknown_key', message: 'Unknown key.', retryable: true } },
    });
    const error = await failure(client.fetcher('/api/me'));
    expect(error).toMatchObject({ status: 401, code: 'unknown_key', retryable: true });
    expect(api.requests).toHaveLength(2);
  });

  it.each([
    ['a text body', 'Bad gateway'],
    ['a JSON body of another shape', { message: 'nope' }],
    ['an error without code', { error: { message: 'nope' } }],
  ])('throws http_error for %s', async (_, body) => {
    api.answer = () => ({ status: 502, body });
    const error = await failure(client.fetcher('/api/me'));
    expect(error).toMatchObject({ status: 502, code: 'http_error', retryable: false });
  });

  it('throws invalid_response for a 200 that is not JSON', async () => {
    api.answer = () => ({ status: 200, body: '<html>' });
    const error = await failure(client.fetcher('/api/me'));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('never puts the token in an error message', async () => {
    api.answer = () => ({ status: 500, body: { error: { code: 'x' } } });
    const error = await failure(client.fetcher('/api/me'));
    expect(error.message).not.toContain('token-1');
    expect(api.requests[0]?.path).not.toContain('token');
  });
});
