import { API_ROUTES_DIR } from '../api-package.ts';
import { checkApi } from './api.ts';
import { checkApp } from './app.ts';
import { type CheckResult, fail, pass } from './check.ts';
import { checkAudience, checkOrigins } from './consistency.ts';
import { checkJwks } from './jwks.ts';
import type { DoctorTargets } from './options.ts';
import { type ApiRoute, listApiRoutes } from './routes.ts';
import { checkToken } from './token.ts';

/**
 * Every check, in the order they are printed; `token` is the token to judge, already read. The
 * API's routes are read from its route files (`routesDir`, default the API package's).
 */
export async function runChecks(
  targets: DoctorTargets,
  token?: string,
  routesDir = API_ROUTES_DIR,
): Promise<CheckResult[]> {
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
  const routes = await readRoutes(routesDir);
  if ('error' in routes) results.push(routes.error);
  else results.push(...(await checkApi(targets.apiUrl, iframeOrigins, routes.routes)));
  const app = await checkApp(targets.appUrl, targets.hostOrigins);
  results.push(...app.results);
  if (settings) {
    results.push(...checkOrigins(targets, settings, app.frameAncestors));
    results.push(...(await checkAudience(targets, settings)));
    if (token !== undefined) results.push(await checkToken(token, settings));
  }
  return results;
}

async function readRoutes(dir: string): Promise<{ routes: ApiRoute[] } | { error: CheckResult }> {
  try {
    return { routes: (await listApiRoutes(dir)).routes };
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    return {
      error: fail(
        'API',
        `cannot list the API's route files in ${dir} (${reason})`,
        'run the doctor from a complete checkout of this repository',
      ),
    };
  }
}
