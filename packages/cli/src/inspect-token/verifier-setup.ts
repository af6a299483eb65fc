import { readSettings } from '@partner/api/settings';
import { verifierOptions } from '@partner/api/verifier-options';
import { DEFAULTS, type VerifierOptions } from '@partner/auth';
import type { HintContext } from '../token-hints.ts';
import { readJwksFile } from './jwks-file.ts';
import type { Args } from './options.ts';

/** The verifier's URL for a key set read from a file; its fetch hook serves the file, so nothing is contacted. */
const FILE_JWKS_URL = 'https://jwks-file.invalid/jwks.json';

/** What the inspector runs with. */
interface VerifierSetup {
  options: VerifierOptions;
  /** What the hints may name. */
  context: HintContext;
  /** Worth a line on standard error, e.g. a JWKS file holding private keys. */
  warnings: string[];
}

/**
 * The API's verifier options from its settings (the API's .env files already loaded), with the
 * flags on top.
 * @throws SettingsError for settings the API would refuse; UsageError for an unreadable file.
 */
export async function verifierSetup(args: Args): Promise<VerifierSetup> {
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
  const warnings: string[] = [];
  if (args.jwks !== undefined && jwksUrl === undefined) {
    const file = await readJwksFile(args.jwks, options.maxJwksBytes ?? DEFAULTS.maxJwksBytes);
    jwks = file.path;
    if (file.privateKeys !== undefined) {
      warnings.push(
        `the JWKS file holds private key material: ${file.privateKeys}. A key set publishes public keys only (the verifier uses only their public members); keep this file secret.`,
      );
    }
    Object.assign(options, {
      jwksUrl: FILE_JWKS_URL,
      // The file goes through the verifier's own fetch handling: size cap, JSON and key rules.
      fetch: async () =>
        new Response(file.body, { status: 200, headers: { 'content-type': 'application/json' } }),
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
    warnings,
  };
}
