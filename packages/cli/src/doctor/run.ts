import { checkApi } from './api.ts';
import { checkApp } from './app.ts';
import { type CheckResult, fail, pass } from './check.ts';
import { checkAudience, checkOrigins } from './consistency.ts';
import { checkJwks } from './jwks.ts';
import type { DoctorTargets } from './options.ts';
import { checkToken } from './token.ts';

/** Every check, in the order they are printed; `token` is `--token` already read. */
export async function runChecks(targets: DoctorTargets, token?: string): Promise<CheckResult[]> {
  const { settings: read } = targets;
  const settings = read.ok ? read.settings : undefined;
  const results: CheckResult[] = read.ok
    ? [
        pass(
          'settings',
          `the API's settings are valid${read.settings.production ? ' for production' : ''}`,
        ),
      ]
    : read.problems.map((problem) =>
        fail('settings', problem, 'fix it where the API reads it (environment or apps/api/.env*)'),
      );
  if (settings) results.push(...(await checkJwks(settings)));
  // Each iframe origin the API should serve, plus the app's own even if the settings miss it.
  const iframeOrigins = [...new Set([targets.appOrigin, ...(settings?.corsAllowedOrigins ?? [])])];
  results.push(...(await checkApi(targets.apiUrl, iframeOrigins)));
  const app = await checkApp(targets.appUrl, targets.hostOrigins);
  results.push(...app.results);
  if (settings) {
    results.push(...checkOrigins(targets, settings, app.frameAncestors));
    results.push(...(await checkAudience(targets, settings)));
    if (token !== undefined) results.push(await checkToken(token, settings));
  }
  return results;
}
