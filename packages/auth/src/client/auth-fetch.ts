/** `fetch` with the bearer token, retried once with a fresh token when the API says so. */

import type { AuthTokenCache } from './auth-token-cache.ts';
import { ApiError, CLIENT_ERROR_CODES } from './errors.ts';

export type AuthFetch = (path: string, init?: RequestInit) => Promise<Response>;

/** True when the API's 401 body is `{ error: { retryable: true } }`. */
async function saysRetryable(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === true
  );
}

/**
 * Strings, Blobs, buffers, FormData and URLSearchParams are read afresh by every fetch;
 * a stream can be sent only once.
 */
function isReplayable(body: RequestInit['body']): boolean {
  return !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
}

export function createAuthFetch(tokens: AuthTokenCache, baseUrl: string): AuthFetch {
  async function send(path: string, init: RequestInit, token: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetch(`${baseUrl}${path}`, { ...init, headers });
    } catch (cause) {
      // An abort stays an abort, so callers (and SWR) can tell it apart from a failure.
      if (init.signal?.aborted) throw cause;
      // Browsers differ in what they reject with (TypeError, DOMException); callers get one code.
      throw new ApiError(
        {
          status: 0,
          code: CLIENT_ERROR_CODES.networkError,
          retryable: false,
          message: 'The API could not be reached.',
        },
        { cause },
      );
    }
  }

  return async (path, init = {}) => {
    const token = await tokens.get();
    const response = await send(path, init, token);
    if (!isReplayable(init.body) || !(await saysRetryable(response))) return response;
    tokens.invalidate(token);
    // Exactly one retry: a second 401 goes back to the caller as it is.
    return send(path, init, await tokens.get());
  };
}
