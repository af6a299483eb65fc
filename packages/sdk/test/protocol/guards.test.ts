import { describe, expect, it } from 'vitest';
import {
  hostError,
  hostReply,
  isCompactJWSToken,
  isHostReply,
  isResultOf,
  isSdkRequest,
  sdkRequest,
} from '../../src/protocol/index.ts';

const token = {
  uid: 'tok-1',
  token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzMSJ9.c2ln',
  expiry_date: '2030-01-01T00:05:00.000Z',
  app_code_name: 'demo-app',
};

const junk: unknown[] = [
  null,
  undefined,
  42,
  'init',
  [],
  {},
  { source: 'intandem-sdk' },
  Object.create(null),
];

describe('isSdkRequest', () => {
  it('accepts each well-formed request type', () => {
    expect(isSdkRequest(sdkRequest('init', {}, 'a'))).toBe(true);
    expect(isSdkRequest(sdkRequest('init', { widgetUid: 'w-1' }, 'a'))).toBe(true);
    expect(isSdkRequest(sdkRequest('getAuth', {}, 'a'))).toBe(true);
    expect(isSdkRequest(sdkRequest('ready', {}, 'a'))).toBe(true);
  });

  it.each(junk)('rejects %j without throwing', (data) => {
    expect(isSdkRequest(data)).toBe(false);
  });

  it.each([
    ['another version', { ...sdkRequest('ready', {}, 'a'), v: 2 }],
    ['the host source', { ...sdkRequest('ready', {}, 'a'), source: 'intandem-host' }],
    ['an unknown type', { ...sdkRequest('ready', {}, 'a'), type: 'toString' }],
    ['an empty id', sdkRequest('ready', {}, '')],
    ['a non-string widgetUid', { ...sdkRequest('init', {}, 'a'), payload: { widgetUid: 7 } }],
    ['an unknown payload field', { ...sdkRequest('getAuth', {}, 'a'), payload: { scope: 'x' } }],
    ['no payload', { source: 'intandem-sdk', v: 1, id: 'a', type: 'ready' }],
  ])('rejects a request with %s', (_, data) => {
    expect(isSdkRequest(data)).toBe(false);
  });
});

describe('isHostReply', () => {
  it('accepts replies built with hostReply and hostError', () => {
    const request = sdkRequest('getAuth', {}, 'id-1');
    expect(isHostReply(hostReply(request, token))).toBe(true);
    expect(isHostReply(hostReply(sdkRequest('ready', {}, 'id-2'), null))).toBe(true);
    const failure = hostError(request, {
      code: 'rate_limited',
      message: 'Slow down.',
      status: 429,
    });
    expect(isHostReply(failure)).toBe(true);
    expect(failure).toMatchObject({ id: 'id-1', ok: false, error: { status: 429 } });
  });

  it('copies only the documented error fields', () => {
    const body = { code: 'x', message: 'y', stack: 'secret' };
    expect(hostError({ id: 'a' }, body).error).toEqual({ code: 'x', message: 'y' });
  });

  it.each(junk)('rejects %j without throwing', (data) => {
    expect(isHostReply(data)).toBe(false);
  });

  it.each([
    ['a success without result', { source: 'intandem-host', v: 1, id: 'a', ok: true }],
    ['an error without code', { source: 'intandem-host', v: 1, id: 'a', ok: false, error: {} }],
    ['a fractional status', hostError({ id: 'a' }, { code: 'x', message: 'y', status: 429.5 })],
    ['a missing ok flag', { source: 'intandem-host', v: 1, id: 'a', result: null }],
    ['the SDK source', { ...hostReply({ id: 'a', type: 'ready' }, null), source: 'intandem-sdk' }],
  ])('rejects %s', (_, data) => {
    expect(isHostReply(data)).toBe(false);
  });
});

describe('isCompactJWSToken', () => {
  it('accepts the platform token entity', () => {
    expect(isCompactJWSToken(token)).toBe(true);
    expect(isCompactJWSToken({ ...token, expiry_date: '2030-01-01T02:05:00+02:00' })).toBe(true);
  });

  it.each([
    ['a token with two segments', { ...token, token: 'abc.def' }],
    ['a token with spaces', { ...token, token: 'a b.c.d' }],
    ['a non-string token', { ...token, token: 1 }],
    ['a date without time zone', { ...token, expiry_date: '2030-01-01T00:05:00' }],
    ['an impossible date', { ...token, expiry_date: '2030-13-45T00:05:00Z' }],
    ['an empty uid', { ...token, uid: '' }],
    ['no app code name', { ...token, app_code_name: undefined }],
  ])('rejects %s', (_, value) => {
    expect(isCompactJWSToken(value)).toBe(false);
  });
});

describe('isResultOf', () => {
  it('checks the result against its message type', () => {
    expect(isResultOf('init', { appCodeName: 'demo-app' })).toBe(true);
    expect(isResultOf('init', { appCodeName: 3 })).toBe(false);
    expect(isResultOf('getAuth', token)).toBe(true);
    expect(isResultOf('getAuth', null)).toBe(false);
    expect(isResultOf('ready', null)).toBe(true);
    expect(isResultOf('ready', {})).toBe(false);
  });
});
