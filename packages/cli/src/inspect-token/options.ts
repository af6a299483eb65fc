import { parseArgs } from 'node:util';
import { tokenOnCommandLine } from '../token-input.ts';
import { UsageError } from '../usage-error.ts';

export const USAGE = `Usage: pnpm --silent inspect-token - [options]    (the token on standard input)
       INTANDEM_TOKEN=… pnpm --silent inspect-token [options]

Checks one token step by step with the API's own verifier and settings, and prints what the
API would answer. The token is sent nowhere; only the JWKS is fetched.

  -                  read the token from standard input (paste it, then Ctrl-D, or pipe it);
                     without "-" it is read from INTANDEM_TOKEN. A leading "Bearer " is ignored.
                     A token on the command line is refused: pnpm prints the command line.
  --jwks URL|FILE    the key set: a JWKS URL, or a JSON file to work offline
                     (default: INTANDEM_JWKS_URL)
  --audience NAME    the expected aud (default: INTANDEM_APP_CODE_NAME)
  --issuer NAME      the expected iss (default: INTANDEM_ISSUER)
  --json             print one JSON object instead of text
  -h, --help         this help

Defaults come from the API's settings: the same variables and .env files the API reads.
Exit status: 0 the API would accept the token, 1 it would refuse it, 2 usage error.`;

export interface Args {
  help: boolean;
  /** "-": the token is on standard input. */
  stdin: boolean;
  jwks: string | undefined;
  audience: string | undefined;
  issuer: string | undefined;
  json: boolean;
}

/**
 * Parses the command line with node's own parser. The only argument is "-".
 * @throws UsageError, which never repeats an argument that may be a token.
 */
export function readArgs(argv: readonly string[]): Args {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause));
  }
  const { values, positionals } = parsed;
  if (positionals.some((positional) => positional !== '-')) throw tokenOnCommandLine('"-"');
  if (positionals.length > 1) throw new UsageError('Give "-" once.');
  for (const name of ['jwks', 'audience', 'issuer'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') {
      throw new UsageError(`--${name} needs a value.`);
    }
  }
  return {
    help: values.help === true,
    stdin: positionals.length === 1,
    jwks: values.jwks,
    audience: values.audience,
    issuer: values.issuer,
    json: values.json === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      jwks: { type: 'string' },
      audience: { type: 'string' },
      issuer: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
