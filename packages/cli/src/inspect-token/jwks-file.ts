import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { quote } from '../terminal-text.ts';
import { UsageError } from '../usage-error.ts';

/** A key set read from a file for `--jwks FILE`. */
interface JwksFile {
  /** The file's absolute path. */
  path: string;
  body: string;
  /** Set when keys in the file hold private members: what to warn about. */
  privateKeys: string | undefined;
}

/** JWK members that only a private (or symmetric) key has: RFC 7518 §6.3.2 and §6.4.1. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * Reads the JWKS file named on the command line, at most `maxBytes` (the verifier's cap on a
 * fetched key set) plus one byte to tell a file over the cap, so that `/dev/zero` or a huge
 * file cannot exhaust memory. A relative path is meant from where pnpm was called.
 * @throws UsageError when the file cannot be read, is over the cap, or is not JSON.
 */
export async function readJwksFile(name: string, maxBytes: number): Promise<JwksFile> {
  const path = isAbsolute(name) ? name : resolve(process.env.INIT_CWD ?? process.cwd(), name);
  let bytes: Uint8Array;
  try {
    bytes = await readAtMost(path, maxBytes + 1);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read the JWKS file ${path} (${reason}).`);
  }
  if (bytes.byteLength > maxBytes) {
    throw new UsageError(
      `The JWKS file ${path} is larger than ${maxBytes} bytes, the verifier's cap on a key set.`,
    );
  }
  let body: string;
  let document: unknown;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    document = JSON.parse(body);
  } catch {
    throw new UsageError(`The JWKS file ${path} is not JSON.`);
  }
  return { path, body, privateKeys: privateKeysOf(document) };
}

/** The first `limit` bytes of the file, or all of it when shorter. */
async function readAtMost(path: string, limit: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(limit);
    let size = 0;
    while (size < limit) {
      const { bytesRead } = await file.read(buffer, size, limit - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await file.close();
  }
}

/** `key "k1" (d, p, q, dp, dq, qi), …` for each key with private members; `undefined` when none. */
function privateKeysOf(document: unknown): string | undefined {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return undefined;
  const found: string[] = [];
  for (const key of keys) {
    if (typeof key !== 'object' || key === null) continue;
    const members = PRIVATE_MEMBERS.filter((member) => member in key);
    if (members.length === 0) continue;
    const kid = (key as { kid?: unknown }).kid;
    found.push(`key ${kid === undefined ? 'without kid' : quote(kid)} (${members.join(', ')})`);
  }
  return found.length === 0 ? undefined : found.join(', ');
}
