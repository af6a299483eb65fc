import { ApiError, type ErrorBody } from './errors.ts';

/** The answer of an {@link ApiError}: `{ error: { code, message } }`, never cached. */
export function errorResponse(error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return Response.json(body, { status: error.status, headers: { ...noStore, ...error.headers } });
}

export const noStore = { 'Cache-Control': 'no-store' } as const;

/** Request bodies are small JSON objects; anything larger is refused before it is buffered. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * How long a whole body may take to arrive once the handler reads it. Without a deadline a
 * client that declares 16,000 bytes and sends 14 holds its handler until Node's 300 s request
 * timeout; a body this small arrives in well under a second.
 */
export const BODY_DEADLINE_MS = 10_000;

interface ReadBodyOptions {
  /** Overrides {@link BODY_DEADLINE_MS}, for tests. */
  deadlineMs?: number;
}

/**
 * Reads a small JSON object body.
 * @throws ApiError 413 `body_too_large` past {@link MAX_BODY_BYTES} (declared or streamed,
 *   without reading further), 408 `body_timeout` when the whole body has not arrived within
 *   {@link BODY_DEADLINE_MS}, 400 `invalid_body` for anything that is not a JSON object.
 */
export async function readJsonObject(
  request: Request,
  options: ReadBodyOptions = {},
): Promise<Record<string, unknown>> {
  const tooLarge = () =>
    new ApiError('body_too_large', {
      message: `The body must be at most ${MAX_BODY_BYTES / 1024} KiB.`,
    });
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const deadlineMs = options.deadlineMs ?? BODY_DEADLINE_MS;
  const read = await readCapped(request.body, MAX_BODY_BYTES, deadlineMs);
  if (read === 'too_large') throw tooLarge();
  if (read === 'timeout') {
    throw new ApiError('body_timeout', {
      message: `The body did not arrive within ${deadlineMs / 1000} s.`,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    throw new ApiError('invalid_body', { message: 'The body must be JSON.' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('invalid_body', { message: 'The body must be a JSON object.' });
  }
  return value as Record<string, unknown>;
}

/**
 * The body as UTF-8 text; `too_large` as soon as it passes `maxBytes`, `timeout` when it has not
 * ended within `deadlineMs` (either way the rest is dropped).
 */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  deadlineMs: number,
): Promise<{ text: string } | 'too_large' | 'timeout'> {
  if (body === null) return { text: '' };
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') {
        // Not awaited: a stalled source need not acknowledge before the client gets its 408.
        reader.cancel().catch(() => {});
        return 'timeout';
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return 'too_large';
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
