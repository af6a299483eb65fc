import { JWKS_OUTAGES, type MockStatePatch } from '../../shared/contract.ts';
import {
  optionalBoolean,
  optionalInteger,
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
] as const;

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
  if (Object.keys(patch).length === 0) {
    throw new InvalidBodyError(`Nothing to change. Fields: ${PATCH_FIELDS.join(', ')}.`);
  }
  return patch;
}
