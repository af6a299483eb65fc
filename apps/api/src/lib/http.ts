/** Every non-auth error answers with the same body shape as auth errors: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: noStore });
}

export const noStore = { 'Cache-Control': 'no-store' } as const;

const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads a small JSON object body, answering 400 `invalid_body` for anything else. */
export async function readJsonObject(
  request: Request,
): Promise<BodyResult<Record<string, unknown>>> {
  const invalid = (message: string) =>
    ({ ok: false, response: jsonError(400, 'invalid_body', message) }) as const;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return invalid('The body must be at most 16 KiB.');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return invalid('The body must be at most 16 KiB.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('The body must be JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('The body must be a JSON object.');
  }
  return { ok: true, value: value as Record<string, unknown> };
}
