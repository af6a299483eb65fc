import { JwksFetchError } from '../errors.ts';

/** What one successful JWKS fetch returns. */
interface FetchedJwks {
  /** The parsed JSON body (not yet checked to be a key set). */
  document: unknown;
  /** The HTTP status (always 200). */
  httpStatus: number;
}

/** Limits applied to one JWKS fetch. */
interface FetchJwksOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
}

/**
 * GETs the JWKS with a deadline covering headers and body, no redirects, and a byte cap
 * enforced while streaming, so a hostile or broken endpoint can neither stall nor flood us.
 * @throws JwksFetchError with a distinct reason for each way it can fail.
 */
export async function fetchJwks(url: URL, options: FetchJwksOptions): Promise<FetchedJwks> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Racing the deadline, not only aborting, also bounds a custom fetch that ignores the signal.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new JwksFetchError('timeout'));
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([download(url, options, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function download(
  url: URL,
  options: FetchJwksOptions,
  signal: AbortSignal,
): Promise<FetchedJwks> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      // A redirect could point the key lookup anywhere; the platform serves the set directly.
      redirect: 'manual',
      signal,
    });
  } catch (cause) {
    throw new JwksFetchError(signal.aborted ? 'timeout' : 'network', { cause });
  }
  const httpStatus = response.status;
  if (response.type === 'opaqueredirect' || (httpStatus >= 300 && httpStatus < 400)) {
    await discard(response);
    throw new JwksFetchError('redirect', { httpStatus });
  }
  if (httpStatus !== 200) {
    await discard(response);
    throw new JwksFetchError('http_status', { httpStatus });
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await discard(response);
    throw new JwksFetchError('too_large', { httpStatus });
  }
  const text = await readCapped(response, options.maxBytes, signal);
  try {
    return { document: JSON.parse(text), httpStatus };
  } catch (cause) {
    throw new JwksFetchError('not_json', { httpStatus, cause });
  }
}

/** Reads the body as UTF-8 text, failing as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, signal: AbortSignal) {
  const httpStatus = response.status;
  const chunks: Uint8Array[] = [];
  if (response.body !== null) {
    const reader = response.body.getReader();
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes) throw new JwksFetchError('too_large', { httpStatus });
        chunks.push(value);
      }
    } catch (cause) {
      if (cause instanceof JwksFetchError) throw cause;
      throw new JwksFetchError(signal.aborted ? 'timeout' : 'network', { httpStatus, cause });
    } finally {
      reader.cancel().catch(() => {});
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks));
  } catch (cause) {
    throw new JwksFetchError('not_json', { httpStatus, cause });
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Frees the connection without reading a body we will not use. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}
