/**
 * `pnpm run doctor`: checks a deployment's settings, JWKS, CORS and frame-ancestors, one line per
 * check. Exit 0 when every check passes, 1 when one fails, 2 on a usage error.
 */
import nextEnv from '@next/env';
import { API_DIR } from './api-package.ts';
import { bareToken, readStdin } from './args.ts';
import { resolveTargets, USAGE, UsageError } from './doctor/options.ts';
import { formatReport } from './doctor/report.ts';
import { runChecks } from './doctor/run.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

// The same .env files `next start` (production) or `next dev` reads, without overriding the environment.
const quiet = { info: () => {}, error: (...args: unknown[]) => console.error(...args) };
const { loadedEnvFiles } = nextEnv.loadEnvConfig(
  API_DIR,
  process.env.NODE_ENV !== 'production',
  quiet,
);

let targets: ReturnType<typeof resolveTargets>;
let token: string | undefined;
try {
  targets = resolveTargets(argv, process.env);
  if (targets.token !== undefined) {
    token = bareToken(targets.token === '-' ? await readStdin() : targets.token);
    if (token === '') throw new UsageError('--token: the token is empty.');
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`doctor: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}

const results = await runChecks(targets, token);
const envFiles = loadedEnvFiles.map((file) => `apps/api/${file.path}`);
console.log(formatReport(targets, results, envFiles));
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
