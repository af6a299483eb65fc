/**
 * Throughput of @partner/auth against the common alternatives, on this machine.
 * Run with `pnpm --filter @partner/auth bench`; writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { startJwksServer } from '@partner/test-kit/jwks-server';
import { createVerifier as createFastJwtVerifier } from 'fast-jwt';
import { createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import jwksRsa from 'jwks-rsa';
import { createVerifier } from '../src/index.ts';
import { ratio, rounds } from './measure.ts';
import { AUDIENCE, createBenchKey, ISSUER, rawVerify, signTokens } from './setup.ts';

const ROUNDS = 5;
/** One round's length, all of a scenario's tasks together. */
const UNIQUE_ROUND_MS = 8000;
const REPEATED_ROUND_MS = 1500;
const POOL = 30_000;
const BEARER = 'Bearer ';
/** What the JWKS server adds to each answer in the "realistic network" comparison. */
const NETWORK_DELAY_MS = 20;

/**
 * The token as a server gets it: a new string cut from the `Authorization` header on every
 * request. Handing every verifier the same string object instead would let V8's cached string
 * hash carry over between calls and flatter any cache keyed by the token.
 */
function fromHeader(header: string): string {
  return header.slice(BEARER.length);
}

/** Hands out the pool's tokens in order, wrapping around: for verifiers without a token cache. */
function cycle(headers: string[]) {
  let next = 0;
  return (): string => fromHeader(headers[next++ % headers.length] ?? '');
}

/** Hands out each token once and fails when the pool runs out, so a cache can never hit. */
function once(headers: string[]) {
  let next = 0;
  return (): string => {
    const header = headers[next++];
    if (header === undefined) throw new Error('token pool exhausted: raise POOL');
    return fromHeader(header);
  };
}

async function main() {
  const key = createBenchKey();
  const server = await startJwksServer({ keys: [key.jwk] });
  const distantServer = await startJwksServer({ keys: [key.jwk], delayMs: NETWORK_DELAY_MS });
  console.log(`Signing ${POOL} tokens…`);
  const headers = signTokens(key, POOL).map((token) => BEARER + token);
  const [repeated = '', warmup = ''] = signTokens(key, 2).map((token) => BEARER + token);
  const claimsOptions = { algorithms: ['RS256'], audience: AUDIENCE, issuer: ISSUER };
  const raw = rawVerify(key.publicKey);
  const joseKey = await importJWK(key.jwk, 'RS256');
  const fastJwtOptions = {
    key: key.pem,
    algorithms: ['RS256' as const],
    allowedAud: AUDIENCE,
    allowedIss: ISSUER,
  };

  /** Ours with an app's defaults (token cache on, 10,000 entries) unless overridden; keys loaded. */
  async function freshOurs(options: { tokenCacheSize?: number } = {}) {
    const verifier = createVerifier({
      jwksUrl: server.url,
      audience: AUDIENCE,
      issuer: ISSUER,
      ...options,
    });
    await verifier.verify(fromHeader(warmup));
    return verifier;
  }

  /** The sample integration's pattern: download the key set for every request. */
  async function fetchEveryCall(token: string, url = server.url) {
    const { kid } = decodeProtectedHeader(token);
    const response = await fetch(url);
    const { keys } = (await response.json()) as { keys: { kid?: string }[] };
    const jwk = keys.find((candidate) => candidate.kid === kid);
    if (jwk === undefined) throw new Error('no key');
    await jwtVerify(token, await importJWK(jwk, 'RS256'), claimsOptions);
  }

  console.log('Scenario 1/2: unique tokens (every operation a token never seen before)');
  const unique = await rounds('unique', ROUNDS, UNIQUE_ROUND_MS, async () => {
    // A fresh verifier and cursor per round: its token cache has never seen these tokens.
    const ours = await freshOurs();
    // The same verifier without its token cache: what the cache's bookkeeping costs on misses.
    const oursUncached = await freshOurs({ tokenCacheSize: 0 });
    const next = {
      ours: once(headers),
      uncached: cycle(headers),
      raw: cycle(headers),
      jose: cycle(headers),
      remote: cycle(headers),
      jwt: cycle(headers),
      fast: cycle(headers),
      fetch: cycle(headers),
      distant: cycle(headers),
    };
    const remoteSet = createRemoteJWKSet(new URL(server.url));
    const jwksClient = jwksRsa({ jwksUri: server.url, cache: true, rateLimit: false });
    const fastJwt = createFastJwtVerifier({ ...fastJwtOptions, cache: false });
    return {
      ours: () => ours.verify(next.ours()),
      ours_without_token_cache: () => oursUncached.verify(next.uncached()),
      raw_crypto: () => raw(next.raw()),
      bare_jose: () => jwtVerify(next.jose(), joseKey, claimsOptions),
      jose_remote_jwks_set: () => jwtVerify(next.remote(), remoteSet, claimsOptions),
      jsonwebtoken_jwks_rsa: async () => {
        const token = next.jwt();
        const { kid } = decodeProtectedHeader(token);
        const signingKey = await jwksClient.getSigningKey(kid);
        jsonwebtoken.verify(token, signingKey.getPublicKey(), {
          algorithms: ['RS256'],
          audience: AUDIENCE,
          issuer: ISSUER,
        });
      },
      fast_jwt: () => fastJwt(next.fast()),
      fetch_every_call: () => fetchEveryCall(next.fetch()),
      fetch_every_call_20ms: () => fetchEveryCall(next.distant(), distantServer.url),
    };
  });

  console.log('Scenario 2/2: repeated token (one token reused, as the iframe does for 5 minutes)');
  const repeatedRuns = await rounds('repeated', ROUNDS, REPEATED_ROUND_MS, async () => {
    const ours = await freshOurs();
    await ours.verify(fromHeader(repeated));
    const fastJwtCached = createFastJwtVerifier({ ...fastJwtOptions, cache: true });
    return {
      ours: () => ours.verify(fromHeader(repeated)),
      raw_crypto: () => raw(fromHeader(repeated)),
      fast_jwt_cached: () => fastJwtCached(fromHeader(repeated)),
    };
  });
  await server.close();
  await distantServer.close();
  const uniqueOps = unique.median;
  const repeatedOps = repeatedRuns.median;
  const u = (theirs: string) => ratio(unique.all, theirs);
  const r = (theirs: string) => ratio(repeatedRuns.all, theirs);

  const results = {
    unique: {
      vs_raw_crypto: u('raw_crypto'),
      vs_bare_jose: u('bare_jose'),
      vs_fast_jwt: u('fast_jwt'),
      vs_fetch_every_call: u('fetch_every_call'),
      vs_fetch_every_call_20ms: u('fetch_every_call_20ms'),
      vs_jose_remote_jwks_set: u('jose_remote_jwks_set'),
      vs_jsonwebtoken_jwks_rsa: u('jsonwebtoken_jwks_rsa'),
      without_token_cache_vs_bare_jose: ratio(unique.all, 'bare_jose', 'ours_without_token_cache'),
      ops_per_sec: uniqueOps,
      rounds: unique.all,
    },
    repeated: {
      vs_raw_crypto: r('raw_crypto'),
      vs_fast_jwt_cached: r('fast_jwt_cached'),
      ops_per_sec: repeatedOps,
      rounds: repeatedRuns.all,
    },
    targets: [
      // Bare jose makes fewer checks (kid, sub_type, token age, revocation), so ours may trail it.
      ['unique vs bare jose', u('bare_jose'), 0.85],
      ['unique vs fetch every call (loopback)', u('fetch_every_call'), 5],
      [`unique vs fetch every call (JWKS +${NETWORK_DELAY_MS} ms)`, u('fetch_every_call_20ms'), 20],
      ['repeated vs raw crypto', r('raw_crypto'), 5],
      ['repeated vs fast-jwt cached', r('fast_jwt_cached'), 1],
    ].map(([name, value, min]) => ({ name, ratio: value, min, met: Number(value) >= Number(min) })),
    environment: {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      roundMs: { unique: UNIQUE_ROUND_MS, repeated: REPEATED_ROUND_MS },
      rounds: ROUNDS,
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      date: new Date().toISOString(),
    },
  };

  const rows = [
    ...Object.entries(uniqueOps).map(([name, ops]) => ({
      scenario: 'unique',
      verifier: name,
      'ops/s': ops,
      'ours ÷ this': u(name),
    })),
    ...Object.entries(repeatedOps).map(([name, ops]) => ({
      scenario: 'repeated',
      verifier: name,
      'ops/s': ops,
      'ours ÷ this': r(name),
    })),
  ];
  console.table(rows);
  console.table(results.targets);
  writeFileSync(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log('Wrote bench/results.json');
}

await main();
