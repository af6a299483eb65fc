/** A fetcher for SWR: JSON on success, `ApiError` with the API's error code otherwise. */
import type { AuthFetch } from './auth-fetch.ts';
import { ApiError, CLIENT_ERROR_CODES } from './errors.ts';

export type Fetcher = <T>(path: string, init?: RequestInit) => Promise<T>;

/** Reads the API's `{ error: { code, message, retryable? } }` body, if that is what it is. */
function toApiError(status: number, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  ) {
    const message =
      'message' in error && typeof error.message === 'string' ? error.message : `HTTP ${status}`;
    const retryable = 'retryable' in error && error.retryable === true;
    return new ApiError({ status, code: error.code, retryable, message });
  }
  return new ApiError({
    status,
    code: CLIENT_ERROR_CODES.httpError,
    retryable: false,
    message: `The API answered HTTP ${status}.`,
  });
}

// Answers that carry no body by definition.
const NO_CONTENT = new Set([204, 205]);

export function createFetcher(authFetch: AuthFetch): Fetcher {
  return async <T>(path: string, init?: RequestInit): Promise<T> => {
    // getAuth() failures (e.g. the SDK's HostError) pass through with their own code.
    const response = await authFetch(path, init);
    if (response.ok && NO_CONTENT.has(response.status)) return null as T;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw toApiError(response.status, body);
    if (body === undefined) {
      throw new ApiError({
        status: response.status,
        code: CLIENT_ERROR_CODES.invalidResponse,
        retryable: false,
        message: 'The API answered with a body that is not JSON.',
      });
    }
    return body as T;
  };
}
