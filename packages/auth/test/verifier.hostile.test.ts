import { constants, createHmac, KeyObject, sign as nodeSign } from 'node:crypto';
import { createClock } from '@partner/test-kit/clock';
import { type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import {
  AUDIENCE,
  createSigningKey,
  type SigningKey,
  signStaffToken,
  staffClaims,
} from '@partner/test-kit/keys';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthErrorCode,
  createVerifier,
  type StepName,
  VERIFICATION_STEPS,
  type Verifier,
} from '../src/index.ts';
import { signRaw, weakSigningKey } from './support/raw-tokens.ts';
import { rejection } from './support/reject.ts';

const clock = createClock();
const now = clock.seconds();
const REVOKED_JTI = 'revoked-jti';

let good: SigningKey;
let attacker: SigningKey;
let weak: SigningKey;
let encKey: SigningKey;
let dupA: SigningKey;
let dupB: SigningKey;
let server: JwksServer;
let attackerServer: JwksServer;
let verifier: Verifier;
let valid: string;

beforeAll(async () => {
  [good, attacker, weak, encKey, dupA, dupB] = await Promise.all([
    createSigningKey('good'),
    createSigningKey('good'),
    weakSigningKey('weak'),
    createSigningKey('enc-key'),
    createSigningKey('dup'),
    createSigningKey('dup'),
  ]);
  server = await startJwksServer({
    keys: [good.jwk, weak.jwk, { ...encKey.jwk, use: 'enc' }, dupA.jwk, dupB.jwk],
  });
  attackerServer = await startJwksServer({ keys: [attacker.jwk] });
  verifier = createVerifier({
    jwksUrl: server.url,
    audience: AUDIENCE,
    now: clock.now,
    maxTokenAgeSec: 600,
    isRevoked: (claims) => claims.jti === REVOKED_JTI,
  });
  valid = await sign();
  // Load the key set once, so every case below is judged against it.
  await verifier.verify(valid);
});
afterAll(async () => {
  await Promise.all([server.close(), attackerServer.close()]);
});

const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');
const json = (value: unknown) => b64(JSON.stringify(value));
const header = (extra: Record<string, unknown> = {}) => ({
  alg: 'RS256',
  kid: 'good',
  typ: 'JWT',
  ...extra,
});

/** A correctly signed staff token, with claim overrides (`undefined` removes a claim). */
function sign(
  claims: Record<string, unknown> = {},
  headerExtra: Record<string, unknown> = {},
  key = good,
) {
  return signStaffToken(key, claims, { now, header: headerExtra });
}

/** Signs with node:crypto for algorithms jose would refuse to mix with this key. */
function signNode(alg: 'PS256' | 'RS512', key: SigningKey): string {
  const input = `${json(header({ alg }))}.${json(staffClaims(now))}`;
  const signature = nodeSign(alg === 'PS256' ? 'sha256' : 'sha512', Buffer.from(input), {
    key: KeyObject.from(key.privateKey),
    padding: alg === 'PS256' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING,
  });
  return `${input}.${b64(signature)}`;
}

/** Signs an exact signing input with RS256, for serialisations no library would produce. */
function signInput(input: string, key = good): string {
  const signature = nodeSign('sha256', Buffer.from(input), KeyObject.from(key.privateKey));
  return `${input}.${b64(signature)}`;
}

function part(token: string, index: number): string {
  return token.split('.')[index] ?? '';
}

function withPart(token: string, index: number, value: string): string {
  const parts = token.split('.');
  parts[index] = value;
  return parts.join('.');
}

/** Flips one character in the middle of a segment to another base64url character. */
function flipMiddle(segment: string): string {
  const i = Math.floor(segment.length / 2);
  return `${segment.slice(0, i)}${segment[i] === 'A' ? 'B' : 'A'}${segment.slice(i + 1)}`;
}

type Case = [
  name: string,
  token: () => Promise<unknown> | unknown,
  code: AuthErrorCode,
  /** The step at which `explain` reports the failure. */
  step: StepName,
  subject?: string,
];

const cases: Case[] = [
  // Algorithms
  [
    'alg none, no signature',
    () => `${json(header({ alg: 'none' }))}.${json(staffClaims(now))}.`,
    'unsupported_algorithm',
    'alg',
  ],
  [
    'alg none with a real signature',
    () => withPart(valid, 0, json(header({ alg: 'none' }))),
    'unsupported_algorithm',
    'alg',
  ],
  ['alg missing', () => withPart(valid, 0, json({ kid: 'good' })), 'unsupported_algorithm', 'alg'],
  [
    'alg in lower case',
    () => withPart(valid, 0, json(header({ alg: 'rs256' }))),
    'unsupported_algorithm',
    'alg',
  ],
  [
    'HS256 signed with the public key as the secret (algorithm confusion)',
    async () => {
      const input = `${json(header({ alg: 'HS256' }))}.${json(staffClaims(now))}`;
      const secret = JSON.stringify(await exportJWK(good.publicKey));
      return `${input}.${b64(createHmac('sha256', secret).update(input).digest())}`;
    },
    'unsupported_algorithm',
    'alg',
  ],
  ['PS256 on the RSA key', () => signNode('PS256', good), 'unsupported_algorithm', 'alg'],
  ['RS512 on the RSA key', () => signNode('RS512', good), 'unsupported_algorithm', 'alg'],
  [
    'ES256 header',
    () => withPart(valid, 0, json(header({ alg: 'ES256' }))),
    'unsupported_algorithm',
    'alg',
  ],
  // Key id
  ['kid missing', () => sign({}, { kid: undefined }), 'missing_kid', 'kid'],
  ['kid empty', () => sign({}, { kid: '' }), 'missing_kid', 'kid'],
  ['kid a number', () => sign({}, { kid: 7 as unknown as string }), 'missing_kid', 'kid'],
  ['kid an array', () => sign({}, { kid: ['good'] as unknown as string }), 'missing_kid', 'kid'],
  ['kid unknown', () => sign({}, { kid: 'no-such-key' }), 'unknown_key', 'key'],
  // Header injection: the verifier uses only its own JWKS, never keys named by the token
  [
    'jku pointing at the attacker key set',
    () => sign({}, { jku: attackerServer.url }, attacker),
    'invalid_signature',
    'signature',
  ],
  [
    'x5u pointing at the attacker',
    () => sign({}, { x5u: `${attackerServer.origin}/cert.pem` }, attacker),
    'invalid_signature',
    'signature',
  ],
  [
    'jwk embedding the attacker key',
    () => sign({}, { jwk: attacker.jwk }, attacker),
    'invalid_signature',
    'signature',
  ],
  [
    'jwk embedded and no kid',
    () => sign({}, { jwk: attacker.jwk, kid: undefined }, attacker),
    'missing_kid',
    'kid',
  ],
  // JWS features
  [
    'unknown crit extension',
    () => signRaw(good.privateKey, header({ crit: ['x-must'], 'x-must': true }), staffClaims(now)),
    'malformed_token',
    'signature',
  ],
  [
    'crit that is not an array',
    () => signRaw(good.privateKey, header({ crit: 'exp' }), staffClaims(now)),
    'malformed_token',
    'signature',
  ],
  [
    'b64: false (unencoded payload, RFC 7797)',
    () => signInput(`${json(header({ b64: false, crit: ['b64'] }))}.eyJzdWIiOiJhZG1pbiJ9`),
    'malformed_token',
    'signature',
  ],
  // Tampering
  [
    'tampered header',
    () => withPart(valid, 0, json(header({ typ: 'at+jwt' }))),
    'invalid_signature',
    'signature',
  ],
  [
    'tampered payload',
    () => withPart(valid, 1, json(staffClaims(now, { sub: 'admin' }))),
    'invalid_signature',
    'signature',
  ],
  [
    'tampered signature',
    () => withPart(valid, 2, flipMiddle(part(valid, 2))),
    'invalid_signature',
    'signature',
  ],
  [
    'signature from another key with our kid',
    () => sign({}, {}, attacker),
    'invalid_signature',
    'signature',
  ],
  [
    'signature of another token',
    async () => withPart(valid, 2, part(await sign({ jti: 'other' }), 2)),
    'invalid_signature',
    'signature',
  ],
  [
    'signature with non-zero spare bits in its last character',
    () => withPart(valid, 2, `${part(valid, 2).slice(0, -1)}B`),
    'malformed_token',
    'shape',
  ],
  ['empty signature', () => withPart(valid, 2, ''), 'invalid_signature', 'signature'],
  // Shape and encoding
  [
    'truncated in the payload',
    () => valid.slice(0, part(valid, 0).length + 20),
    'malformed_token',
    'shape',
  ],
  ['two segments', () => valid.split('.').slice(0, 2).join('.'), 'malformed_token', 'shape'],
  ['four segments', () => `${valid}.${part(valid, 2)}`, 'malformed_token', 'shape'],
  ['five segments (a JWE)', () => `${part(valid, 0)}.a.b.c.d`, 'malformed_token', 'shape'],
  [
    'standard base64 (+) in the payload',
    () => withPart(valid, 1, `${part(valid, 1)}+`),
    'malformed_token',
    'shape',
  ],
  ['padding (=) on the signature', () => `${valid}==`, 'malformed_token', 'shape'],
  [
    'header that is not JSON',
    () => withPart(valid, 0, b64('not json')),
    'malformed_token',
    'shape',
  ],
  [
    'header that is a JSON array',
    () => withPart(valid, 0, json(['RS256', 'good'])),
    'malformed_token',
    'shape',
  ],
  [
    'payload that is not JSON',
    () => signRaw(good.privateKey, header(), 'not json'),
    'malformed_token',
    'signature',
  ],
  [
    'payload that is a JSON array',
    () => signRaw(good.privateKey, header(), [staffClaims(now)]),
    'malformed_token',
    'signature',
  ],
  [
    'payload that is a JSON string',
    () => signRaw(good.privateKey, header(), '"staff-1"'),
    'malformed_token',
    'signature',
  ],
  ['whitespace around the token', () => ` ${valid} `, 'malformed_token', 'shape'],
  ['empty string', () => '', 'malformed_token', 'shape'],
  ['not a string', () => 42, 'malformed_token', 'shape'],
  ['null', () => null, 'malformed_token', 'shape'],
  ['an object', () => ({ token: valid }), 'malformed_token', 'shape'],
  [
    'oversized (over 16 KiB)',
    () => sign({ padding: 'x'.repeat(17 * 1024) }),
    'malformed_token',
    'shape',
  ],
  // Time claims
  ['exp missing', () => sign({ exp: undefined }), 'malformed_token', 'time'],
  ['exp a string', () => sign({ exp: String(now + 300) }), 'malformed_token', 'time'],
  [
    'exp infinite (1e999)',
    () =>
      signRaw(
        good.privateKey,
        header(),
        JSON.stringify(staffClaims(now)).replace(/"exp":\d+/, '"exp":1e999'),
      ),
    'malformed_token',
    'time',
  ],
  [
    'exp far beyond any date (1e300)',
    () =>
      signRaw(
        good.privateKey,
        header(),
        JSON.stringify(staffClaims(now)).replace(/"exp":\d+/, '"exp":1e300'),
      ),
    'malformed_token',
    'time',
  ],
  ['exp a fraction of a second', () => sign({ exp: now + 300.5 }), 'malformed_token', 'time'],
  ['iat a fraction of a second', () => sign({ iat: now - 0.5 }), 'malformed_token', 'time'],
  ['nbf beyond a safe integer (-2^60)', () => sign({ nbf: -(2 ** 60) }), 'malformed_token', 'time'],
  ['exp in the year 287,000 (9e12)', () => sign({ exp: 9e12 }), 'token_lifetime_too_long', 'time'],
  [
    'lifetime one second over the default cap',
    () => sign({ exp: now + 3601 }),
    'token_lifetime_too_long',
    'time',
  ],
  ['iat missing', () => sign({ iat: undefined }), 'malformed_token', 'time'],
  ['iat a string', () => sign({ iat: String(now) }), 'malformed_token', 'time'],
  ['nbf a string', () => sign({ nbf: String(now) }), 'malformed_token', 'time'],
  ['expired', () => sign({ exp: now - 60 }), 'token_expired', 'time'],
  ['expired exactly at the tolerance', () => sign({ exp: now - 5 }), 'token_expired', 'time'],
  ['nbf in the future', () => sign({ nbf: now + 60 }), 'token_not_yet_valid', 'time'],
  ['iat in the future', () => sign({ iat: now + 60 }), 'token_not_yet_valid', 'time'],
  [
    'too old (iat beyond maxTokenAgeSec)',
    () => sign({ iat: now - 700, exp: now + 60 }),
    'token_too_old',
    'time',
  ],
  // Audience, issuer, subject
  ['wrong aud', () => sign({ aud: 'other-app' }), 'invalid_audience', 'aud'],
  ['missing aud', () => sign({ aud: undefined }), 'invalid_audience', 'aud'],
  ['aud an array holding this app', () => sign({ aud: [AUDIENCE] }), 'invalid_audience', 'aud'],
  [
    'aud an array with another app',
    () => sign({ aud: [AUDIENCE, 'other-app'] }),
    'invalid_audience',
    'aud',
  ],
  ['wrong iss', () => sign({ iss: 'evil' }), 'invalid_issuer', 'iss'],
  ['iss in another case', () => sign({ iss: 'InTandem' }), 'invalid_issuer', 'iss'],
  ['missing iss', () => sign({ iss: undefined }), 'invalid_issuer', 'iss'],
  ['missing sub', () => sign({ sub: undefined }), 'invalid_subject', 'sub'],
  ['empty sub', () => sign({ sub: '' }), 'invalid_subject', 'sub'],
  ['sub a number', () => sign({ sub: 42 }), 'invalid_subject', 'sub'],
  ['sub_type customer', () => sign({ sub_type: 'customer' }), 'invalid_subject', 'sub'],
  ['business_uid not a string', () => sign({ business_uid: 7 }), 'malformed_token', 'sub'],
  ['subject mismatch', () => sign(), 'subject_mismatch', 'subject', 'staff-2'],
  ['revoked', () => sign({ jti: REVOKED_JTI }), 'token_revoked', 'revocation'],
  // Unusable published keys
  [
    'signed by a published 1024-bit key',
    () => signRaw(weak.privateKey, header({ kid: 'weak' }), staffClaims(now)),
    'unknown_key',
    'key',
  ],
  [
    'signed by a published use: enc key',
    () => sign({}, { kid: 'enc-key' }, encKey),
    'unknown_key',
    'key',
  ],
  ['kid listed twice in the key set', () => sign({}, { kid: 'dup' }, dupA), 'unknown_key', 'key'],
];

describe('hostile tokens', () => {
  it('the baseline token verifies', async () => {
    expect((await verifier.verify(valid)).sub).toBe('staff-1');
  });

  const table = cases.map(([name, build, code, step, subject]) => ({
    name,
    build,
    code,
    step,
    subject,
  }));
  it.each(table)('$name → $code at $step', async ({ build, code, step, subject }) => {
    const token = (await build()) as string;
    const options = subject === undefined ? {} : { subject };
    const error = await rejection(verifier.verify(token, options));
    expect(error.code).toBe(code);
    if (typeof token === 'string' && token.length > 0) {
      expect(error.message).not.toContain(token);
      expect(error.wwwAuthenticate).not.toContain(token);
    }
    // The step-by-step report runs the same checks, so it fails where verify does, the same way.
    const report = await verifier.explain(token, options);
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe(code);
    expect(report.error?.message).toBe(error.message);
    const failed = report.steps.at(-1);
    expect(failed).toMatchObject({ step, ok: false, error: { code, status: error.status } });
    expect(report.steps.slice(0, -1).every((result) => result.ok)).toBe(true);
    expect(report.steps.map((result) => result.step)).toEqual(
      VERIFICATION_STEPS.slice(0, VERIFICATION_STEPS.indexOf(step) + 1),
    );
  });

  it('covers at least 40 distinct cases', () => {
    expect(new Set(cases.map(([name]) => name)).size).toBeGreaterThanOrEqual(40);
  });

  it('never contacts a key URL named by a token', () => {
    expect(attackerServer.requests).toBe(0);
  });
});
