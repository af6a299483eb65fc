import type { AuthErrorCode, Explanation } from '@partner/auth';
import { duration } from './duration.ts';
import { inline, quote } from './terminal-text.ts';

/** What a hint may mention besides the report. */
export interface HintContext {
  /** Where the key set came from: a URL or a file. */
  jwks: string;
  audience: string;
  issuer: string;
  clockToleranceSec: number;
}

type Hint = (report: Explanation, context: HintContext) => string;

/** One line per refusal: the likely cause and the fix. */
const HINTS: Record<AuthErrorCode, Hint> = {
  missing_token: () => 'Send the token as "Authorization: Bearer <token>".',
  invalid_request: () => 'Send exactly one token: "Authorization: Bearer <token>".',
  malformed_token: (report) =>
    report.steps.at(-1)?.step === 'time'
      ? 'The time claims are missing or not whole seconds: the platform did not mint this token.'
      : 'Paste the token exactly as issued: three base64url parts joined by dots, nothing around them.',
  unsupported_algorithm: (report) =>
    `The token is signed with ${quote(report.header?.alg)}; the platform signs with RS256, so this token is not the platform's.`,
  missing_kid: () =>
    'The header names no signing key (kid); platform tokens always do, so this one is not the platform’s.',
  unknown_key: (_, context) =>
    `No usable key in ${context.jwks} has this kid: point --jwks / INTANDEM_JWKS_URL at the platform that minted the token (mock-host tokens need the mock host's JWKS), or the key was retired.`,
  invalid_signature: (_, context) =>
    `The token was altered, or signed by a different key than ${context.jwks} publishes under its kid: get a fresh token from the platform.`,
  token_expired: (report) =>
    `It expired ${ago(report)}: get a fresh token (getAuth()); the browser helper retries once with a new one.`,
  token_not_yet_valid: (report, context) =>
    `iat/nbf lies ahead of this machine's clock by more than ${context.clockToleranceSec} s (skew ${skew(report)}): synchronise the clocks (NTP).`,
  token_too_old: () => 'It was issued longer ago than maxTokenAgeSec allows: get a fresh token.',
  token_lifetime_too_long: (report) =>
    `exp − iat is ${lifetime(report)}; platform tokens live 300 s, so this one was not minted by the platform.`,
  invalid_audience: (report, context) =>
    `The token is for ${quote(report.claims?.aud)} but this API expects "${context.audience}": set INTANDEM_APP_CODE_NAME (or --audience) to the app's code name, or mint the token for "${context.audience}".`,
  invalid_issuer: (report, context) =>
    `The token is issued by ${quote(report.claims?.iss)} but this API expects "${context.issuer}": set INTANDEM_ISSUER (or --issuer), or use a platform token.`,
  invalid_subject: () =>
    'Only staff tokens are accepted: sub must be the staff member’s uid and sub_type, if present, "staff".',
  subject_mismatch: () => 'The token belongs to another staff member than the resource.',
  token_revoked: () => 'The app’s revocation check refused this token.',
  revocation_unavailable: () => 'The app’s revocation check failed; try again.',
  jwks_unavailable: (report, context) =>
    `The key set at ${context.jwks} could not be used (${inline(report.error?.message ?? 'unknown')}): check the URL and the network, or pass --jwks FILE to work offline.`,
};

/** The one-line hint for a report; for an accepted token, what the API will see. */
export function hintFor(report: Explanation, context: HintContext): string {
  if (report.error === null) {
    return `The API would accept it${report.claims?.exp === undefined ? '' : ` until it expires, ${ahead(report)}`}.`;
  }
  return HINTS[report.error.code](report, context);
}

/** When the report was checked, in epoch seconds (the clock its time claims are judged by). */
export function checkedAtSec(report: Explanation): number {
  return Math.floor(Date.parse(report.checkedAt) / 1000);
}

function ago(report: Explanation): string {
  const exp = report.claims?.exp;
  return typeof exp === 'number' ? `${duration(checkedAtSec(report) - exp)} ago` : 'already';
}

function ahead(report: Explanation): string {
  const exp = report.claims?.exp;
  return typeof exp === 'number' ? `in ${duration(exp - checkedAtSec(report))}` : '';
}

function skew(report: Explanation): string {
  return report.clockSkewSec === null ? 'unknown' : `${report.clockSkewSec} s`;
}

function lifetime(report: Explanation): string {
  const { exp, iat } = report.claims ?? {};
  return typeof exp === 'number' && typeof iat === 'number' ? duration(exp - iat) : 'unknown';
}
