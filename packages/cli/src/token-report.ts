import { type Explanation, VERIFICATION_STEPS } from '@partner/auth';
import { duration } from './duration.ts';
import { inline, quote } from './terminal-text.ts';
import { checkedAtSec, type HintContext, hintFor } from './token-hints.ts';

/** What the API would answer: 200, or the error's status and body. */
type Answer =
  | { status: 200 }
  | { status: number; code: string; message: string; retryable: boolean };

function answerOf(report: Explanation): Answer {
  const { error } = report;
  if (error === null) return { status: 200 };
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    retryable: error.retryable,
  };
}

/** The report as one JSON object (`--json`). Holds no signature and never the whole token. */
export function toJson(report: Explanation, context: HintContext) {
  const claims = report.claims;
  return {
    ok: report.ok,
    answer: answerOf(report),
    hint: hintFor(report, context),
    header: report.header,
    claims,
    times: {
      issuedAt: isoTime(claims?.iat),
      notBefore: isoTime(claims?.nbf),
      expiresAt: isoTime(claims?.exp),
      expiresInSec: typeof claims?.exp === 'number' ? claims.exp - checkedAtSec(report) : null,
      lifetimeSec:
        typeof claims?.exp === 'number' && typeof claims.iat === 'number'
          ? claims.exp - claims.iat
          : null,
    },
    impersonation: impersonation(report),
    steps: VERIFICATION_STEPS.filter((step) => step !== 'subject').map((step) => {
      const result = report.steps.find((candidate) => candidate.step === step);
      if (result === undefined) return { step, checked: false };
      return {
        step,
        checked: true,
        ok: result.ok,
        detail: result.detail,
        ...(result.error === undefined
          ? {}
          : { code: result.error.code, status: result.error.status }),
      };
    }),
    key: report.key,
    clockSkewSec: report.clockSkewSec,
    checkedAt: report.checkedAt,
    against: context,
  };
}

/** The report as text, one line per step. */
export function toText(report: Explanation, context: HintContext): string {
  const lines: string[] = [];
  const { header, claims } = report;
  lines.push('Token (the signature is never shown)');
  if (header === null) {
    lines.push('  header     does not decode');
  } else {
    lines.push(`  header     ${fields(header, ['alg', 'kid', 'typ'])}`);
  }
  if (claims === null) {
    lines.push('  claims     do not decode');
  } else {
    lines.push(`  issuer     ${quote(claims.iss)}   audience ${quote(claims.aud)}`);
    lines.push(`  staff      ${quote(claims.sub)} (sub_type ${quote(claims.sub_type)})`);
    lines.push(
      `  business   ${quote(claims.business_uid)}   directory ${quote(claims.directory_uid)}`,
    );
    const acting = impersonation(report);
    lines.push(
      acting === null
        ? `  actor      ${quote(claims.actor_uid ?? claims.sub)}: the staff member themselves`
        : `  actor      ${quote(acting.actor)} IMPERSONATES ${quote(acting.staff)}`,
    );
    const now = checkedAtSec(report);
    lines.push(`  issued     ${when(claims.iat, now)}`);
    if (claims.nbf !== undefined) lines.push(`  not before ${when(claims.nbf, now)}`);
    lines.push(`  expires    ${when(claims.exp, now)}`);
    if (typeof claims.exp === 'number' && typeof claims.iat === 'number') {
      lines.push(`  lifetime   ${duration(claims.exp - claims.iat)}`);
    }
    if (claims.jti !== undefined) lines.push(`  jti        ${quote(claims.jti)}`);
  }
  lines.push('');
  lines.push(
    `Checked against ${context.jwks}, audience "${context.audience}", issuer "${context.issuer}", at ${report.checkedAt}`,
  );
  const width = Math.max(...VERIFICATION_STEPS.map((step) => step.length));
  for (const step of VERIFICATION_STEPS) {
    if (step === 'subject') continue;
    const result = report.steps.find((candidate) => candidate.step === step);
    const name = step.padEnd(width);
    if (result === undefined) lines.push(`  · ${name}  not checked`);
    else if (result.ok) lines.push(`  ✓ ${name}  ${inline(result.detail)}`);
    else lines.push(`  ✗ ${name}  ${result.error?.code}: ${inline(result.detail)}`);
  }
  if (report.clockSkewSec !== null) {
    lines.push(
      `Clock skew: this machine reads ${report.clockSkewSec} s after iat (tolerance ${context.clockToleranceSec} s)`,
    );
  }
  lines.push('');
  const answer = answerOf(report);
  lines.push(
    'code' in answer
      ? `✗ The API would answer ${answer.status} ${answer.code}: ${inline(answer.message)}`
      : `✓ The API would accept this token (200) for staff member ${quote(claims?.sub)}.`,
  );
  lines.push(`Hint: ${hintFor(report, context)}`);
  return `${lines.join('\n')}\n`;
}

function impersonation(report: Explanation): { actor: unknown; staff: unknown } | null {
  const claims = report.claims;
  if (claims?.actor_uid === undefined || claims.actor_uid === claims.sub) return null;
  return { actor: claims.actor_uid, staff: claims.sub };
}

function fields(object: Readonly<Record<string, unknown>>, first: string[]): string {
  const names = [
    ...first.filter((name) => name in object),
    ...Object.keys(object).filter((name) => !first.includes(name)),
  ];
  return names.map((name) => `${name} ${quote(object[name])}`).join(', ');
}

/** An epoch-seconds claim as ISO 8601, or `null` when it is no representable time. */
function isoTime(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return null;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function when(value: unknown, now: number): string {
  const iso = isoTime(value);
  if (iso === null || typeof value !== 'number') return `${quote(value)} (not a time)`;
  const offset = value - now;
  return `${iso} (${offset >= 0 ? `in ${duration(offset)}` : `${duration(-offset)} ago`})`;
}
