import { decodeJwt, decodeProtectedHeader } from 'jose';

/** One line of the inspector: a header parameter or claim, ready to show. */
export interface Field {
  name: string;
  value: string;
}

/** What the inspector shows of a token: never its signature. */
interface TokenView {
  header: Field[];
  claims: Field[];
  /** `exp` in epoch seconds, for the countdown; null when absent or not a number. */
  expSec: number | null;
}

const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp']);

/**
 * Decodes a token's header and claims with jose, without verifying anything: the inspector
 * shows what the app received, including tokens built to fail verification.
 * @returns null when the token cannot be decoded at all.
 */
export function inspectToken(token: string): TokenView | null {
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return null;
  }
  const headerFields = Object.entries(header).map(([name, value]) => field(name, value));
  if (!('kid' in header)) headerFields.push({ name: 'kid', value: '(none)' });
  const exp = claims.exp;
  const iat = claims.iat;
  const claimFields = Object.entries(claims).map(([name, value]) =>
    TIME_CLAIMS.has(name) && typeof value === 'number'
      ? { name, value: `${value} (${utcTime(value)})` }
      : field(name, value),
  );
  if (typeof exp === 'number' && typeof iat === 'number') {
    claimFields.push({ name: 'exp − iat', value: `${exp - iat} s` });
  }
  return {
    header: headerFields,
    claims: claimFields,
    expSec: typeof exp === 'number' && Number.isFinite(exp) ? exp : null,
  };
}

/** "expires in 4:59" / "expired 5:00 ago", whole seconds. */
export function countdown(expSec: number | null, nowMs: number): string {
  if (expSec === null) return 'no expiry (exp missing)';
  const left = expSec - Math.floor(nowMs / 1000);
  return left > 0 ? `expires in ${duration(left)}` : `expired ${duration(-left)} ago`;
}

function duration(totalSec: number): string {
  const hours = Math.floor(totalSec / 3600);
  const minutes = Math.floor((totalSec % 3600) / 60);
  const seconds = String(totalSec % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

function field(name: string, value: unknown): Field {
  return { name, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

function utcTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'not a time' : `${date.toISOString().slice(11, 19)} UTC`;
}
