/**
 * Browser helpers for the iframe app. They depend only on a `getAuth()` function,
 * so they work with the platform's SDK and with the local stand-in alike.
 */

export interface AuthToken {
  token: string;
  /** ISO 8601 expiry, as the platform returns it. */
  expiry_date: string;
}

export type GetAuth = () => Promise<AuthToken>;

export interface AuthClientOptions {
  getAuth: GetAuth;
  /** Base URL of the partner API. */
  baseUrl?: string;
}

/** Thrown by the SWR fetcher for any non-2xx answer, with the API's error code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createAuthClient(options: AuthClientOptions) {
  const base = options.baseUrl ?? '';

  async function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
    const { token } = await options.getAuth();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(`${base}${path}`, { ...init, headers });
  }

  async function fetcher<T>(path: string): Promise<T> {
    const response = await authFetch(path);
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'http_error',
        error?.message ?? `HTTP ${response.status}`,
      );
    }
    return body as T;
  }

  return { authFetch, fetcher };
}
