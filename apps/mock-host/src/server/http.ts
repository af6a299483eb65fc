import type { ServerResponse } from 'node:http';
import {
  BodyTooLargeError,
  InvalidBodyError,
  InvalidJsonError,
  RequestAbortedError,
} from './errors.ts';

const MAX_BODY_BYTES = 16 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Reads a small JSON object body (a request is an async iterable); an empty body is `{}`. */
export async function readJson(body: AsyncIterable<unknown>): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(MAX_BODY_BYTES);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    throw new RequestAbortedError();
  }
  if (size === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new InvalidJsonError();
  }
  if (!isPlainObject(parsed)) throw new InvalidBodyError('The body must be a JSON object.');
  return parsed;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
