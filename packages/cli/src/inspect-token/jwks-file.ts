import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../usage-error.ts';

/** A key set read from a file for `--jwks FILE`. */
export interface JwksFile {
  /** The file's absolute path. */
  path: string;
  body: string;
}

/**
 * Reads the JWKS file named on the command line; a relative path is meant from where pnpm was
 * called, not from this package's folder where pnpm runs the tool.
 * @throws UsageError when the file cannot be read or is not JSON.
 */
export async function readJwksFile(name: string): Promise<JwksFile> {
  const path = isAbsolute(name) ? name : resolve(process.env.INIT_CWD ?? process.cwd(), name);
  let body: string;
  try {
    body = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read the JWKS file ${path} (${reason}).`);
  }
  try {
    JSON.parse(body);
  } catch {
    throw new UsageError(`The JWKS file ${path} is not JSON.`);
  }
  return { path, body };
}
