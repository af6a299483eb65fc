import { DEV_DEFAULTS, isLoopback, type Settings } from '@partner/api/settings';
import { quote } from '../terminal-text.ts';
import { type CheckResult, fail, pass } from './check.ts';
import { type DoctorTargets, isLocalDeployment } from './options.ts';

/** The iframe origin in CORS, the served frame-ancestors equal to VITE_HOST_ORIGINS. */
export function checkOrigins(
  targets: DoctorTargets,
  settings: Settings,
  frameAncestors: readonly string[] | undefined,
): CheckResult[] {
  const { appOrigin } = targets;
  const results: CheckResult[] = [
    settings.corsAllowedOrigins.includes(appOrigin)
      ? pass('consistency', `the app's origin ${appOrigin} is in CORS_ALLOWED_ORIGINS`)
      : fail(
          'consistency',
          `the app's origin ${appOrigin} is not in CORS_ALLOWED_ORIGINS (${settings.corsAllowedOrigins.join(', ')})`,
          `add ${appOrigin} to CORS_ALLOWED_ORIGINS (scheme, host and port exactly)`,
        ),
  ];
  const name = targets.viteHostOrigins === undefined ? 'the platform origins' : 'VITE_HOST_ORIGINS';
  const built = targets.viteHostOrigins ?? targets.hostOrigins;
  if (frameAncestors === undefined) {
    results.push(
      fail(
        'consistency',
        `the app sends no frame-ancestors to compare with ${name}`,
        'serve the build with the header vite preview sets (see apps/iframe/vite.config.ts)',
      ),
    );
    return results;
  }
  const extra = frameAncestors.filter((source) => !built.includes(source));
  const missing = built.filter((origin) => !frameAncestors.includes(origin));
  if (extra.length === 0 && missing.length === 0) {
    results.push(pass('consistency', `frame-ancestors matches ${name} (${built.join(' ')})`));
  } else {
    const diff = [
      ...missing.map((origin) => `lacks ${origin}`),
      ...extra.map((source) => `also allows ${source}`),
    ].join(', ');
    results.push(
      fail(
        'consistency',
        `frame-ancestors differs from ${name}: ${diff}`,
        `serve the build with frame-ancestors exactly ${built.join(' ')}, or rebuild it with the right VITE_HOST_ORIGINS`,
      ),
    );
  }
  return results;
}

/**
 * The token's `aud` must be the code name the platform knows the app by. Without a token the
 * doctor sees two symptoms: the demo's code name in a real production deployment, and (with the
 * local mock platform) a mock that mints tokens for another code name.
 */
export async function checkAudience(
  targets: DoctorTargets,
  settings: Settings,
): Promise<CheckResult[]> {
  const { appCodeName } = settings;
  const demo = DEV_DEFAULTS.INTANDEM_APP_CODE_NAME;
  const results: CheckResult[] = [];
  if (!settings.production) {
    results.push(pass('consistency', `code name "${appCodeName}" (outside production)`));
  } else if (appCodeName !== demo) {
    results.push(pass('consistency', `code name "${appCodeName}"`));
  } else if (isLocalDeployment(targets, settings)) {
    results.push(
      pass(
        'consistency',
        `code name "${demo}" in the local production demo (every URL on this machine)`,
      ),
    );
  } else {
    results.push(
      fail(
        'consistency',
        `INTANDEM_APP_CODE_NAME is the demo's "${demo}" in production`,
        "set INTANDEM_APP_CODE_NAME to your app's code name on the platform: tokens for it carry that aud",
      ),
    );
  }
  const minted = await mockCodeName(settings.jwksUrl);
  if (minted !== undefined) {
    results.push(
      minted === appCodeName
        ? pass(
            'consistency',
            `the local platform mints tokens for ${quote(minted)}, as the API expects`,
          )
        : fail(
            'consistency',
            `the local platform mints tokens for ${quote(minted)} but INTANDEM_APP_CODE_NAME is "${appCodeName}": every token would fail with invalid_audience`,
            'give the mock host (APP_CODE_NAME) and the API (INTANDEM_APP_CODE_NAME) the same code name',
          ),
    );
  }
  return results;
}

/** The code name the mock platform mints tokens for, when the JWKS is served by it. */
async function mockCodeName(jwksUrl: string): Promise<string | undefined> {
  const url = new URL(jwksUrl);
  // Only the local mock has this route; the real platform is never asked.
  if (!isLoopback(url.hostname)) return undefined;
  try {
    const response = await fetch(new URL('/__mock/state', url.origin), {
      signal: AbortSignal.timeout(2000),
      redirect: 'manual',
    });
    if (!response.ok) return undefined;
    const state: unknown = await response.json();
    const name = (state as { appCodeName?: unknown } | null)?.appCodeName;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
