import type { IncomingHttpHeaders } from 'node:http';
import { InvalidHostError, UnsupportedMediaTypeError } from './errors.ts';
import { isLoopbackHost } from './loopback.ts';

/** `name` or `name:port`, where name is a bracketed IPv6 address or has no `:`, `@` or `/`. */
const HOST_HEADER = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:@/[\]]+))(?::\d{1,5})?$/;

/**
 * Refuses a request whose `Host` is not a loopback name. A page on an attacker's site can
 * point its own host name at 127.0.0.1 (DNS rebinding) and then read the mock's answers as
 * same-origin; its requests still carry the attacker's name in `Host`.
 * @throws InvalidHostError
 */
export function checkHost(headers: IncomingHttpHeaders): void {
  const value = headers.host ?? '';
  const match = HOST_HEADER.exec(value);
  const name = match?.[1] ?? match?.[2];
  if (name === undefined || !isLoopbackHost(name)) throw new InvalidHostError(value);
}

/**
 * Requires `Content-Type: application/json` on a request that changes state, body or not.
 * A page on another site can send a form, a `text/plain` body or an untyped empty POST without
 * asking; a JSON request needs a CORS preflight, which the mock never grants.
 * @throws UnsupportedMediaTypeError
 */
export function checkJsonRequest(headers: IncomingHttpHeaders): void {
  const type = headers['content-type'];
  const mediaType = type?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError(type);
}
