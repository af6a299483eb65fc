/**
 * `pnpm run doctor`: checks a deployment's settings, JWKS, CORS and frame-ancestors, one line per
 * check. Exit 0 when every check passes, 1 when one fails, 2 on a usage error.
 */
import { loadApiEnvFiles } from './api-package.ts';
import { formatChecklist } from './doctor/checklist.ts';
import { type DoctorTargets, resolveTargets, USAGE } from './doctor/options.ts';
import { runChecks } from './doctor/run.ts';
import { printErr, printOut } from './terminal-text.ts';
import { readToken } from './token-input.ts';
import { UsageError } from './usage-error.ts';

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    printOut(`${USAGE}\n`);
    return 0;
  }
  const envFiles = loadApiEnvFiles();
  let targets: DoctorTargets;
  let token: string | undefined;
  try {
    targets = resolveTargets(argv, process.env);
    if (targets.token !== undefined) token = await readToken(targets.token, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printErr(`doctor: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const results = await runChecks(targets, token);
  printOut(`${formatChecklist(targets, results, envFiles)}\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
