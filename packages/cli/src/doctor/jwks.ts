import type { Settings } from '@partner/api/settings';
import { DEFAULTS, type JwksFailure, JwksFetchError, probeJwks } from '@partner/auth';
import { inline } from '../terminal-text.ts';
import { type CheckResult, fail, pass } from './check.ts';

/** Fixes for each way the verifier's JWKS fetch fails. */
const FIXES: Record<JwksFailure, string> = {
  timeout: 'check INTANDEM_JWKS_URL and that this network reaches the platform quickly',
  network: 'check INTANDEM_JWKS_URL, and that the platform (locally: pnpm start) is running',
  redirect: 'the verifier does not follow redirects: set INTANDEM_JWKS_URL to the final URL',
  http_status: 'check INTANDEM_JWKS_URL: it must answer the key set itself with 200',
  too_large: 'INTANDEM_JWKS_URL must serve only the key set (the verifier caps its size)',
  not_json: 'INTANDEM_JWKS_URL points at something else than the JWKS (a web page?)',
  invalid_set:
    'point INTANDEM_JWKS_URL at the platform JWKS: it needs an RSA key of 2048+ bits for RS256 signatures',
};

/**
 * https (or the loopback opt-in), reachable in time, a usable key, and our clock vs its clock.
 * `now` is this machine's clock (default `Date.now`), injected by tests.
 */
export async function checkJwks(
  settings: Settings,
  { now }: { now?: () => number } = {},
): Promise<CheckResult[]> {
  const results = [transport(settings)];
  let probe: Awaited<ReturnType<typeof probeJwks>>;
  try {
    probe = await probeJwks({ jwksUrl: settings.jwksUrl, ...(now === undefined ? {} : { now }) });
  } catch (error) {
    if (!(error instanceof JwksFetchError)) {
      const message = error instanceof Error ? error.message : String(error);
      return [...results, fail('JWKS', inline(message), 'fix INTANDEM_JWKS_URL')];
    }
    return [...results, fail('JWKS', error.message, FIXES[error.reason])];
  }
  const ms = probe.receivedAt - probe.sentAt;
  const keys =
    probe.kids.length === 1 ? '1 usable RS256 key' : `${probe.kids.length} usable RS256 keys`;
  results.push(
    pass(
      'JWKS',
      `answered in ${ms} ms (limit ${probe.timeoutMs} ms) with ${keys}, under the ${probe.maxJwksBytes / 1024} KiB cap`,
    ),
  );
  results.push(clockSkew(probe));
  return results;
}

function transport({ jwksUrl, production }: Settings): CheckResult {
  const url = new URL(jwksUrl);
  if (url.protocol === 'https:') return pass('JWKS', `${jwksUrl} is https`);
  // readSettings has already refused plain http anywhere but on a loopback host.
  const why = production ? 'accepted by INTANDEM_ALLOW_HTTP_JWKS=1' : 'accepted outside production';
  return pass('JWKS', `${jwksUrl} is plain http on this machine, ${why}`);
}

/**
 * The `Date` header has one-second resolution and was stamped somewhere between sending and
 * receiving, so the skew lies in [date − received, date + 1 s − sent]; only a whole interval
 * beyond the tolerance is a ✗, which a slow network can never fake.
 */
export function clockSkew(probe: {
  serverDate: number | undefined;
  sentAt: number;
  receivedAt: number;
}): CheckResult {
  const toleranceSec = DEFAULTS.clockToleranceSec;
  if (probe.serverDate === undefined) {
    return pass('JWKS', 'clock skew not measurable: the answer has no Date header');
  }
  const low = probe.serverDate - probe.receivedAt;
  const high = probe.serverDate + 1000 - probe.sentAt;
  const estimateSec = Math.round((low + high) / 2 / 1000);
  const limitMs = toleranceSec * 1000;
  if (low > limitMs) {
    return fail(
      'JWKS',
      `the platform's clock is ${estimateSec} s ahead of this machine's (tolerance ${toleranceSec} s)`,
      "sync this machine's clock (and the API servers') with NTP: fresh tokens would be refused as not yet valid",
    );
  }
  if (high < -limitMs) {
    return fail(
      'JWKS',
      `the platform's clock is ${-estimateSec} s behind this machine's (tolerance ${toleranceSec} s)`,
      "sync this machine's clock (and the API servers') with NTP: tokens would be refused as expired early",
    );
  }
  return pass('JWKS', `clock skew ${estimateSec} s, within the ${toleranceSec} s tolerance`);
}
