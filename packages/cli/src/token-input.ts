import { MAX_TOKEN_LENGTH } from '@partner/auth';
import { UsageError } from './usage-error.ts';

/**
 * A token reaches the tools through standard input or this variable, never the command line:
 * `pnpm run` prints the command line it runs, and the shell keeps it in its history.
 */
export const TOKEN_VARIABLE = 'INTANDEM_TOKEN';

/** Where the token is read from. */
export type TokenSource = 'stdin' | 'env';

/** The refusal of a token given on the command line; it never repeats the token. */
export function tokenOnCommandLine(stdinFlag: string): UsageError {
  return new UsageError(
    `A token on the command line is refused (not shown): pnpm prints the command line and your shell keeps it. Give ${stdinFlag} and paste or pipe the token into standard input, or set ${TOKEN_VARIABLE}.`,
  );
}

/** `stdin` when asked for, else `env` when the variable is set, else none. */
export function tokenSource(
  stdin: boolean,
  env: Record<string, string | undefined>,
): TokenSource | undefined {
  if (stdin) return 'stdin';
  return env[TOKEN_VARIABLE] !== undefined ? 'env' : undefined;
}

/** The bare token from its source. @throws UsageError when it is empty or standard input too long. */
export async function readToken(
  source: TokenSource,
  env: Record<string, string | undefined>,
): Promise<string> {
  const token = bareToken(source === 'stdin' ? await readStdin() : (env[TOKEN_VARIABLE] ?? ''));
  if (token === '') {
    throw new UsageError(
      source === 'stdin' ? 'The token is empty.' : `${TOKEN_VARIABLE} holds no token.`,
    );
  }
  return token;
}

/** The bare token: surrounding space and a pasted "Bearer " prefix removed. */
function bareToken(raw: string): string {
  return raw.trim().replace(/^Bearer +/i, '');
}

/** Bytes read from standard input at most: far more than any token the verifier accepts. */
const MAX_STDIN_BYTES = 4 * MAX_TOKEN_LENGTH;

/** Standard input, for a token piped or pasted rather than left in the shell's history. */
async function readStdin(): Promise<string> {
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
