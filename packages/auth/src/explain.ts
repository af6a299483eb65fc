import {
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { type ClaimRules, checkSubject } from './claims.ts';
import type { AuthError } from './errors.ts';
import { asAuthError, type Progress, type Step, type StepName } from './steps.ts';
import { MAX_TOKEN_LENGTH } from './token.ts';

/** The outcome of one verification step. */
export interface StepResult {
  readonly step: StepName;
  readonly ok: boolean;
  /** One short human-readable line: what was checked, or why it failed. */
  readonly detail: string;
  /** On failure: exactly the error `verify` throws for this token. */
  readonly error?: AuthError;
}

/**
 * A token's verification, step by step: what `verify` would decide, and why. It never holds
 * the signature or the whole token.
 */
export interface Explanation {
  /** Whether `verify` accepts the token. */
  readonly ok: boolean;
  /** The error `verify` throws, or `null` when it accepts the token. */
  readonly error: AuthError | null;
  /** The steps run, in order, up to and including the first failure. */
  readonly steps: readonly StepResult[];
  /** The protected header as decoded, or `null` when it does not decode. Unverified unless `ok`. */
  readonly header: Readonly<ProtectedHeaderParameters> | null;
  /** The claims as decoded, or `null` when they do not decode. Unverified unless `ok`. */
  readonly claims: Readonly<JWTPayload> | null;
  /** The published key the token names, once found: its `kid` and RFC 7638 thumbprint. */
  readonly key: { readonly kid: string; readonly thumbprint: string } | null;
  /** Seconds from `iat` to this verifier's clock: about 0 for a fresh token; negative if `iat` is ahead. */
  readonly clockSkewSec: number | null;
  /** The verifier's clock when the token was checked, ISO 8601. */
  readonly checkedAt: string;
}

/** What an explanation reads besides the steps. */
interface ExplainContext {
  rules: ClaimRules;
  now: () => number;
  revocationConfigured: boolean;
}

/**
 * Runs `steps` (the very list `verify` runs) on `token`, recording each outcome, plus the
 * `subject` step when one is given. Touches no token cache and emits no token events.
 */
export async function explainToken(
  token: unknown,
  subject: string | undefined,
  steps: readonly Step[],
  context: ExplainContext,
): Promise<Explanation> {
  const all: readonly Step[] =
    subject === undefined
      ? steps
      : [...steps, { name: 'subject', run: (p) => checkSubject(claimsOf(p), subject) }];
  const progress: Progress = { token };
  const results: StepResult[] = [];
  let error: AuthError | null = null;
  for (const step of all) {
    try {
      await step.run(progress);
      results.push({ step: step.name, ok: true, detail: describe(step.name, progress, context) });
    } catch (thrown) {
      error = asAuthError(thrown);
      results.push({ step: step.name, ok: false, detail: error.message, error });
      break;
    }
  }
  const nowMs = context.now();
  const claims = decoded(token, decodeJwt);
  const iat = claims?.iat;
  return {
    ok: error === null,
    error,
    steps: results,
    header: decoded(token, decodeProtectedHeader),
    claims,
    key:
      progress.key === undefined || progress.header === undefined
        ? null
        : { kid: progress.header.kid, thumbprint: progress.key.id },
    clockSkewSec:
      typeof iat === 'number' && Number.isFinite(iat) ? Math.floor(nowMs / 1000) - iat : null,
    checkedAt: new Date(nowMs).toISOString(),
  };
}

/** Decodes part of a token for display with jose, or `null`; never throws. */
function decoded<T>(token: unknown, decode: (token: string) => T): T | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  try {
    return decode(token);
  } catch {
    return null;
  }
}

function claimsOf(progress: Progress) {
  if (progress.claims === undefined) throw new TypeError('verification step run out of order');
  return progress.claims;
}

/** The one-line detail of a step that passed. */
function describe(step: StepName, progress: Progress, context: ExplainContext): string {
  const { header, key, payload } = progress;
  const { rules } = context;
  switch (step) {
    case 'shape':
      return `compact JWS, ${String((progress.token as string).length)} characters`;
    case 'alg':
      return `${header?.alg} is allowed`;
    case 'kid':
      return `kid "${header?.kid}"`;
    case 'key':
      return `published key "${header?.kid}" (thumbprint ${key?.id})`;
    case 'signature':
      return `valid ${header?.alg} signature by that key`;
    case 'iss':
      return `issued by "${rules.issuer}"`;
    case 'aud':
      return `for "${rules.audience}"`;
    case 'sub': {
      const actor = payload?.actor_uid;
      const acting =
        actor !== undefined && actor !== payload?.sub ? `, impersonated by "${actor}"` : '';
      return `staff member "${payload?.sub}"${acting}`;
    }
    case 'time':
      return timeDetail(payload ?? {}, rules, context.now());
    case 'revocation':
      return context.revocationConfigured ? 'not revoked' : 'no revocation check configured';
    case 'subject':
      return `belongs to "${payload?.sub}"`;
  }
}

function timeDetail(payload: JWTPayload, rules: ClaimRules, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const exp = payload.exp ?? now;
  const iat = payload.iat ?? now;
  const parts = [
    `expires in ${exp - now} s`,
    `issued ${now - iat} s ago`,
    `lifetime ${exp - iat} s of at most ${rules.maxTokenLifetimeSec} s`,
  ];
  if (payload.nbf !== undefined) parts.push(`valid since ${now - payload.nbf} s`);
  parts.push(`clock tolerance ${rules.clockToleranceSec} s`);
  return parts.join(', ');
}
