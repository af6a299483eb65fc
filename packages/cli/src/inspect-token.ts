/**
 * `pnpm inspect-token -` (or with INTANDEM_TOKEN): one token checked step by step with the API's
 * own verifier and settings, ending with the answer the API would give. See `USAGE` in
 * inspect-token/options.ts.
 */
import { SettingsError } from '@partner/api/settings';
import { createVerifier, type VerifierOptions } from '@partner/auth';
import { loadApiEnvFiles } from './api-package.ts';
import { type Args, readArgs, USAGE } from './inspect-token/options.ts';
import { verifierSetup } from './inspect-token/verifier-setup.ts';
import { printErr, printOut } from './terminal-text.ts';
import type { HintContext } from './token-hints.ts';
import { readToken, TOKEN_VARIABLE, tokenSource } from './token-input.ts';
import { toJson, toText } from './token-report.ts';
import { UsageError } from './usage-error.ts';

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  let token: string;
  let options: VerifierOptions;
  let context: HintContext;
  try {
    args = readArgs(argv);
    if (args.help) {
      printOut(`${USAGE}\n`);
      return 0;
    }
    loadApiEnvFiles();
    const source = tokenSource(args.stdin, process.env);
    if (source === undefined) {
      throw new UsageError(
        `No token: give "-" to read it from standard input, or set ${TOKEN_VARIABLE}.`,
      );
    }
    token = await readToken(source, process.env);
    let warnings: string[];
    ({ options, context, warnings } = await verifierSetup(args));
    for (const warning of warnings) printErr(`inspect-token: warning: ${warning}\n`);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof SettingsError)) throw error;
    printErr(`inspect-token: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const report = await createVerifier(options).explain(token);
  printOut(
    args.json ? `${JSON.stringify(toJson(report, context), null, 2)}\n` : toText(report, context),
  );
  return report.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
