import { type CompactJWSToken, isCompactJWSToken } from '@intandem/sdk/protocol';
import type { MockState, MockStatePatch, MockTokenRequest } from '../shared/contract.ts';

/** An error answer from the mock host, in the platform's shape, or no answer at all. */
export class PlatformApiError extends Error {
  override name = 'PlatformApiError';
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Always a JSON body: the server refuses any other POST or PUT (415). The page needs no GET: its
 * state comes inlined in the markup (initial-state.ts).
 */
async function call(method: 'POST' | 'PUT', path: string, body: object): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new PlatformApiError('host_unreachable', `${method} ${path}: no answer.`, 0);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toError(json, response.status);
  return json;
}

function toError(json: unknown, status: number): PlatformApiError {
  const first =
    typeof json === 'object' && json !== null && 'errors' in json && Array.isArray(json.errors)
      ? (json.errors[0] as { code?: unknown; message?: unknown } | undefined)
      : undefined;
  const code = typeof first?.code === 'string' ? first.code : 'http_error';
  const message = typeof first?.message === 'string' ? first.message : `HTTP ${status}`;
  return new PlatformApiError(code, message, status);
}

function asToken(value: unknown): CompactJWSToken {
  if (!isCompactJWSToken(value)) {
    throw new PlatformApiError('invalid_token_entity', 'The token answer has the wrong shape.', 0);
  }
  return value;
}

export const mockApi = {
  updateState: async (patch: MockStatePatch) =>
    (await call('PUT', '/__mock/state', patch)) as MockState,
  reset: async () => (await call('POST', '/__mock/reset', {})) as MockState,
  rotateKey: async () => (await call('POST', '/__mock/keys/rotate', {})) as MockState,
  retireKey: async (kid: string) =>
    (await call('POST', '/__mock/keys/retire', { kid })) as MockState,

  /** The platform's token API for the signed-in staff member (rate limited). */
  async platformToken(appCodeName: string): Promise<CompactJWSToken> {
    const body = await call('POST', '/v3/apps/compact_jws_tokens', { app_code_name: appCodeName });
    const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : body;
    return asToken(data);
  },

  /** A token with overrides, for the bad-token presets. */
  async mockToken(request: MockTokenRequest): Promise<CompactJWSToken> {
    return asToken(await call('POST', '/__mock/tokens', request));
  },
};
