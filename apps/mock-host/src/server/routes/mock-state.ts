import {
  JWKS_OUTAGES,
  type MockStatePatch,
  type UserOverride,
  VIEWS,
} from '../../shared/contract.ts';
import {
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalOneOf,
  optionalString,
  rejectUnknownFields,
} from '../body.ts';
import { InvalidBodyError } from '../errors.ts';
import { readJson, sendJson } from '../http.ts';
import type { Route } from './route.ts';

const PATCH_FIELDS = [
  'businessUid',
  'staffUid',
  'actorUid',
  'appCodeName',
  'widgetUid',
  'weakKeyPublished',
  'jwksOutage',
  'tokenRateLimitPerMin',
  'language',
  'brandHost',
  'view',
  'userOverride',
] as const;

const OVERRIDE_FIELDS = ['staffUid', 'businessUid', 'impersonate'] as const;
// A host name with an optional port, as a brand's domain is written (no scheme, no path).
const HOST_NAME =
  /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

export const mockStateRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/__mock/state',
    async handle({ res, state }) {
      sendJson(res, 200, state.snapshot());
    },
  },
  {
    method: 'PUT',
    path: '/__mock/state',
    async handle({ req, res, state }) {
      state.apply(parseStatePatch(await readJson(req)));
      sendJson(res, 200, state.snapshot());
    },
  },
  {
    method: 'POST',
    path: '/__mock/reset',
    async handle({ req, res, state }) {
      rejectUnknownFields(await readJson(req), []);
      state.reset();
      sendJson(res, 200, state.snapshot());
    },
  },
];

function parseStatePatch(body: Record<string, unknown>): MockStatePatch {
  rejectUnknownFields(body, PATCH_FIELDS);
  const patch: MockStatePatch = {};
  const businessUid = optionalString(body, 'businessUid');
  if (businessUid !== undefined) patch.businessUid = businessUid;
  const staffUid = optionalString(body, 'staffUid');
  if (staffUid !== undefined) patch.staffUid = staffUid;
  if (body.actorUid === null) patch.actorUid = null;
  else {
    const actorUid = optionalString(body, 'actorUid');
    if (actorUid !== undefined) patch.actorUid = actorUid;
  }
  const appCodeName = optionalString(body, 'appCodeName');
  if (appCodeName !== undefined) patch.appCodeName = appCodeName;
  const widgetUid = optionalString(body, 'widgetUid');
  if (widgetUid !== undefined) patch.widgetUid = widgetUid;
  const weakKeyPublished = optionalBoolean(body, 'weakKeyPublished');
  if (weakKeyPublished !== undefined) patch.weakKeyPublished = weakKeyPublished;
  const jwksOutage = optionalOneOf(body, 'jwksOutage', JWKS_OUTAGES);
  if (jwksOutage !== undefined) patch.jwksOutage = jwksOutage;
  const limit = optionalInteger(body, 'tokenRateLimitPerMin', 0, 100_000);
  if (limit !== undefined) patch.tokenRateLimitPerMin = limit;
  const language = optionalString(body, 'language');
  if (language !== undefined) patch.language = canonicalLanguage(language);
  const brandHost = optionalString(body, 'brandHost');
  if (brandHost !== undefined) {
    if (!HOST_NAME.test(brandHost)) {
      throw new InvalidBodyError('"brandHost" must be a host name such as "app.example.com".');
    }
    patch.brandHost = brandHost.toLowerCase();
  }
  const view = optionalOneOf(body, 'view', VIEWS);
  if (view !== undefined) patch.view = view;
  if (body.userOverride === null) patch.userOverride = null;
  else {
    const override = optionalObject(body, 'userOverride');
    if (override !== undefined) patch.userOverride = parseUserOverride(override);
  }
  if (Object.keys(patch).length === 0) {
    throw new InvalidBodyError(`Nothing to change. Fields: ${PATCH_FIELDS.join(', ')}.`);
  }
  return patch;
}

/** `Intl`'s canonical form of a BCP 47 tag (`pt-br` → `pt-BR`); anything else is refused. */
function canonicalLanguage(tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical !== undefined) return canonical;
  } catch {
    // RangeError: not a well-formed tag.
  }
  throw new InvalidBodyError(`"language" must be a BCP 47 language tag such as "en" or "he".`);
}

function parseUserOverride(body: Record<string, unknown>): UserOverride {
  rejectUnknownFields(body, OVERRIDE_FIELDS);
  const override: UserOverride = {};
  const staffUid = optionalString(body, 'staffUid');
  if (staffUid !== undefined) override.staffUid = staffUid;
  const businessUid = optionalString(body, 'businessUid');
  if (businessUid !== undefined) override.businessUid = businessUid;
  const impersonate = optionalBoolean(body, 'impersonate');
  if (impersonate !== undefined) override.impersonate = impersonate;
  return override;
}
