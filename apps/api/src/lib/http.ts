/** Every non-auth error answers with the same body shape as auth errors: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: noStore });
}

export const noStore = { 'Cache-Control': 'no-store' } as const;

/** Request bodies are small JSON objects; anything larger is refused before it is buffered. */
export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

const tooLarge = () =>
  ({
    ok: false,
    response: jsonError(
      413,
      'body_too_large',
      `The body must be at most ${MAX_BODY_BYTES / 1024} KiB.`,
    ),
  }) as const;

/**
 * Reads a small JSON object body: 413 `body_too_large` past {@link MAX_BODY_BYTES} (declared or
 * streamed, without reading further), 400 `invalid_body` for anything that is not a JSON object.
 */
export async function readJsonObject(
  request: Request,
): Promise<BodyResult<Record<string, unknown>>> {
  const invalid = (message: string) =>
    ({ ok: false, response: jsonError(400, 'invalid_body', message) }) as const;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const text = await readCapped(request.body, MAX_BODY_BYTES);
  if (text === undefined) return tooLarge();
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

/** The body as UTF-8 text, or `undefined` as soon as it passes `maxBytes` (the rest is dropped). */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string | undefined> {
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
