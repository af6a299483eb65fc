import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.ts';

export const USAGE = `Usage: pnpm inspect-token [TOKEN | -] [options]

Checks one token step by step with the API's own verifier and settings, and prints what the
API would answer. The token is sent nowhere; only the JWKS is fetched.

  TOKEN              the token (a leading "Bearer " is ignored); "-" reads it from standard input
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
  /** The token argument, or `-` for standard input. */
  token: string | undefined;
  jwks: string | undefined;
  audience: string | undefined;
  issuer: string | undefined;
  json: boolean;
}

/** Parses the command line with node's own parser. @throws UsageError */
export function readArgs(argv: readonly string[]): Args {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`Expected one token, got ${positionals.length} arguments.`);
  }
  for (const name of ['jwks', 'audience', 'issuer'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') {
      throw new UsageError(`--${name} needs a value.`);
    }
  }
  const args: Args = {
    help: values.help === true,
    token: positionals[0],
    jwks: values.jwks,
    audience: values.audience,
    issuer: values.issuer,
    json: values.json === true,
  };
  if (!args.help && args.token === undefined) {
    throw new UsageError('No token: pass it as an argument, or "-" to read standard input.');
  }
  return args;
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
