import { MAX_TOKEN_LENGTH } from '@partner/auth';
import { UsageError } from './usage-error.ts';

/** The bare token: surrounding space and a pasted "Bearer " prefix removed. */
export function bareToken(raw: string): string {
  return raw.trim().replace(/^Bearer +/i, '');
}

/** Bytes read from standard input at most: far more than any token the verifier accepts. */
const MAX_STDIN_BYTES = 4 * MAX_TOKEN_LENGTH;

/** Standard input, for a token piped or pasted rather than left in the shell's history. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > MAX_STDIN_BYTES) {
      throw new UsageError(`Standard input is longer than ${MAX_STDIN_BYTES} bytes.`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
