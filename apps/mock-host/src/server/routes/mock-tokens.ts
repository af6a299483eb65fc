import { SIGN_WITH_NAMES, type SignWith } from '../../shared/contract.ts';
import { optionalInteger, optionalObject, rejectUnknownFields } from '../body.ts';
import { InvalidBodyError } from '../errors.ts';
import { isPlainObject, readJson, sendJson } from '../http.ts';
import { type MockTokenOptions, mintMockToken } from '../mock-tokens.ts';
import type { Route } from './route.ts';

const FIELDS = ['claims', 'header', 'ttlSec', 'signWith', 'tamper'] as const;
const MAX_TTL_SEC = 365 * 24 * 60 * 60;

export const mockTokenRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/__mock/tokens',
    async handle({ req, res, state, config, now }) {
      const options = parseMockTokenRequest(await readJson(req), config.tokenTtlSec);
      sendJson(res, 200, await mintMockToken(state, options, Math.floor(now() / 1000)));
    },
  },
];

function parseMockTokenRequest(
  body: Record<string, unknown>,
  defaultTtlSec: number,
): MockTokenOptions {
  rejectUnknownFields(body, FIELDS);
  const header = optionalObject(body, 'header') ?? {};
  if ('alg' in header) {
    throw new InvalidBodyError('"header.alg" cannot be set; choose the algorithm with "signWith".');
  }
  return {
    claims: optionalObject(body, 'claims') ?? {},
    header,
    ttlSec: optionalInteger(body, 'ttlSec', -MAX_TTL_SEC, MAX_TTL_SEC) ?? defaultTtlSec,
    signWith: parseSignWith(body.signWith),
    tamper: parseTamper(body.tamper),
  };
}

function parseSignWith(value: unknown): SignWith {
  if (value === undefined) return 'active';
  const named = SIGN_WITH_NAMES.find((name) => name === value);
  if (named) return named;
  if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value.kid === 'string') {
    return { kid: value.kid };
  }
  throw new InvalidBodyError(
    `"signWith" must be one of ${SIGN_WITH_NAMES.map((name) => `"${name}"`).join(', ')} or { "kid": "<published kid>" }.`,
  );
}

function parseTamper(value: unknown): boolean | Record<string, unknown> {
  if (value === undefined) return false;
  if (typeof value === 'boolean' || isPlainObject(value)) return value;
  throw new InvalidBodyError('"tamper" must be true, false, or an object of claims to change.');
}
