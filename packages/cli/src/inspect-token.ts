/**
 * `pnpm inspect-token [TOKEN | -]`: one token checked step by step with the API's own verifier
 * and settings, ending with the answer the API would give. See `USAGE` in args.ts.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import nextEnv from '@next/env';
import { readSettings, SettingsError } from '@partner/api/settings';
import { verifierOptions } from '@partner/api/verifier-options';
import { createVerifier, DEFAULTS, type VerifierOptions } from '@partner/auth';
import { API_DIR } from './api-package.ts';
import { type Args, bareToken, readArgs, readStdin, USAGE, UsageError } from './args.ts';
import type { HintContext } from './hints.ts';
import { toJson, toText } from './report.ts';

/** The verifier's URL for a key set read from a file; its fetch hook serves the file, so nothing is contacted. */
const FILE_JWKS_URL = 'https://jwks-file.invalid/jwks.json';

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  let token: string;
  let options: VerifierOptions;
  let context: HintContext;
  try {
    args = readArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    token = bareToken(args.token === '-' ? await readStdin() : (args.token ?? ''));
    if (token === '') throw new UsageError('The token is empty.');
    ({ options, context } = await verifierSetup(args));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof SettingsError)) throw error;
    process.stderr.write(`inspect-token: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const report = await createVerifier(options).explain(token);
  process.stdout.write(
    args.json ? `${JSON.stringify(toJson(report, context), null, 2)}\n` : toText(report, context),
  );
  return report.ok ? 0 : 1;
}

/** The API's verifier options from its settings and .env files, with the flags on top. */
async function verifierSetup(
  args: Args,
): Promise<{ options: VerifierOptions; context: HintContext }> {
  // The variables and .env files Next would load for this NODE_ENV; quiet, so --json stays JSON.
  // A CommonJS bundle whose named exports Node cannot detect: use its default export.
  nextEnv.loadEnvConfig(API_DIR, process.env.NODE_ENV !== 'production', {
    info: () => {},
    error: (...parts: unknown[]) => process.stderr.write(`${parts.join(' ')}\n`),
  });
  const jwksUrl = args.jwks !== undefined && URL.canParse(args.jwks) ? args.jwks : undefined;
  const env = {
    ...process.env,
    ...(args.audience === undefined ? {} : { INTANDEM_APP_CODE_NAME: args.audience }),
    ...(args.issuer === undefined ? {} : { INTANDEM_ISSUER: args.issuer }),
    ...(jwksUrl === undefined ? {} : { INTANDEM_JWKS_URL: jwksUrl }),
  };
  const { settings } = readSettings(env);
  const options = verifierOptions(settings);
  let jwks = settings.jwksUrl;
  if (args.jwks !== undefined && jwksUrl === undefined) {
    const path = fromInvocationDir(args.jwks);
    const body = await readJwksFile(path);
    jwks = path;
    Object.assign(options, {
      jwksUrl: FILE_JWKS_URL,
      // The file goes through the verifier's own fetch handling: size cap, JSON and key rules.
      fetch: async () =>
        new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    });
  }
  return {
    options,
    context: {
      jwks,
      audience: settings.appCodeName,
      issuer: settings.issuer,
      clockToleranceSec: DEFAULTS.clockToleranceSec,
    },
  };
}

/** pnpm runs this in packages/cli; relative paths are meant from where pnpm was called. */
function fromInvocationDir(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

async function readJwksFile(path: string): Promise<string> {
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
  return body;
}

process.exitCode = await main(process.argv.slice(2));
