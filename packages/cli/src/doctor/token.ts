import type { Settings } from '@partner/api/settings';
import { verifierOptions } from '@partner/api/verifier-options';
import { createVerifier, DEFAULTS } from '@partner/auth';
import { hintFor } from '../token-hints.ts';
import { toText } from '../token-report.ts';
import { type CheckResult, fail, pass } from './check.ts';

/**
 * `--token`: the inspector's verdict on a real token with the API's own verifier and these
 * settings, as one check, with the step-by-step report under it. The token goes nowhere else.
 */
export async function checkToken(token: string, settings: Settings): Promise<CheckResult> {
  const context = {
    jwks: settings.jwksUrl,
    audience: settings.appCodeName,
    issuer: settings.issuer,
    clockToleranceSec: DEFAULTS.clockToleranceSec,
  };
  const report = await createVerifier(verifierOptions(settings)).explain(token);
  const details = toText(report, context);
  if (report.error === null)
    return { ...pass('token', 'the API would accept this token'), details };
  const { status, code } = report.error;
  return {
    ...fail(
      'token',
      `the API would refuse this token: ${status} ${code}`,
      hintFor(report, context),
    ),
    details,
  };
}
