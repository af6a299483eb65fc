/** What every doctor check answers: one line, ✓ or ✗, and for a ✗ the fix. */
export interface CheckResult {
  area: 'settings' | 'JWKS' | 'API' | 'app' | 'consistency' | 'token';
  ok: boolean;
  /** What was found, e.g. "/api/ready answers 200". */
  summary: string;
  /** For a ✗: what to change. */
  fix?: string;
  /** Lines printed under the check (the token inspector's report). */
  details?: string;
}

export const pass = (area: CheckResult['area'], summary: string): CheckResult => ({
  area,
  ok: true,
  summary,
});

export const fail = (area: CheckResult['area'], summary: string, fix: string): CheckResult => ({
  area,
  ok: false,
  summary,
  fix,
});

/** How long the doctor waits for the API or the app: the verifier's JWKS timeout, for symmetry. */
const HTTP_TIMEOUT_MS = 5000;

/** One request with a deadline: the answer's status and headers, or why there was none. */
export async function request(
  url: string,
  init: RequestInit = {},
): Promise<{ response: Response } | { error: string }> {
  const { username, password } = new URL(url);
  // fetch refuses such URLs; say so rather than "not reachable".
  if (username || password) return { error: 'has credentials in its URL, which are never sent' };
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      ...init,
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    // Only status and headers matter here; free the connection.
    await response.body?.cancel().catch(() => {});
    return { response };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return {
      error: name === 'TimeoutError' ? `no answer within ${HTTP_TIMEOUT_MS} ms` : 'not reachable',
    };
  }
}
