import { describe, expect, it } from 'vitest';
import {
  hostError,
  hostEvent,
  hostReply,
  isCompactJWSToken,
  isHostEvent,
  isHostReply,
  isLanguageTag,
  isResultOf,
  isSdkAck,
  isSdkRequest,
  sdkAck,
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
    expect(isSdkRequest(sdkRequest('getUser', {}, 'a'))).toBe(true);
    expect(isSdkRequest(sdkRequest('getState', {}, 'a'))).toBe(true);
  });

  it('rejects an ack, which answers an event and is no request', () => {
    expect(isSdkRequest(sdkAck({ id: 'e', event: 'changeView' }, { status: true }))).toBe(false);
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

const user = {
  brandHost: 'app.example.com',
  businessUid: 'biz-1',
  staffUid: 'staff-1',
  impersonate: true,
  language: 'pt-BR',
};

const state = {
  hostName: 'business-page',
  hostType: 'widget',
  state: 'ready',
  staff: { uid: 'staff-1' },
  accountUid: 'biz-1',
  view: 'team',
};

describe('isResultOf for the context calls', () => {
  it('accepts what the platform documents, extra fields included', () => {
    expect(isResultOf('getUser', user)).toBe(true);
    expect(isResultOf('getUser', { ...user, displayName: 'Dana' })).toBe(true);
    expect(isResultOf('getState', state)).toBe(true);
    expect(isResultOf('getState', { ...state, staff: { uid: 's', name: 'Dana' } })).toBe(true);
  });

  it.each([
    ['no brandHost', { ...user, brandHost: undefined }],
    ['an empty businessUid', { ...user, businessUid: '' }],
    ['a numeric staffUid', { ...user, staffUid: 7 }],
    ['impersonate as a string', { ...user, impersonate: 'false' }],
    ['a language that is no tag', { ...user, language: 'english please' }],
    ['an empty language', { ...user, language: '' }],
  ])('getUser: rejects %s', (_, value) => {
    expect(isResultOf('getUser', value)).toBe(false);
  });

  it.each([
    ['an unknown hostType', { ...state, hostType: 'popup' }],
    ['an unknown state', { ...state, state: 'crashed' }],
    ['an unknown view', { ...state, view: 'all' }],
    ['staff without uid', { ...state, staff: {} }],
    ['staff as a string', { ...state, staff: 'staff-1' }],
    ['no accountUid', { ...state, accountUid: undefined }],
    ['no hostName', { ...state, hostName: '' }],
  ])('getState: rejects %s', (_, value) => {
    expect(isResultOf('getState', value)).toBe(false);
  });
});

describe('isLanguageTag', () => {
  it.each(['en', 'he', 'pt-BR', 'zh-Hant-TW'])('accepts %s', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });
  it.each(['', 'e', 'en_US!', 'not a tag', 42, null])('rejects %j without throwing', (tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });
});

describe('isHostEvent', () => {
  it('accepts ChangeView to either view', () => {
    expect(isHostEvent(hostEvent('changeView', { view: 'team' }, 'e-1'))).toBe(true);
    expect(isHostEvent(hostEvent('changeView', { view: 'my_view' }, 'e-1'))).toBe(true);
  });

  it.each(junk)('rejects %j without throwing', (data) => {
    expect(isHostEvent(data)).toBe(false);
  });

  it.each([
    ['a reply', hostReply({ id: 'a', type: 'ready' }, null)],
    [
      'an unknown view',
      { ...hostEvent('changeView', { view: 'team' }, 'e'), payload: { view: 'x' } },
    ],
    [
      'an inherited event name',
      { ...hostEvent('changeView', { view: 'team' }, 'e'), event: 'toString' },
    ],
    ['another version', { ...hostEvent('changeView', { view: 'team' }, 'e'), v: 2 }],
  ])('rejects %s', (_, data) => {
    expect(isHostEvent(data)).toBe(false);
  });

  it('is not taken for a reply', () => {
    expect(isHostReply(hostEvent('changeView', { view: 'team' }, 'e-1'))).toBe(false);
  });
});

describe('isSdkAck', () => {
  const event = { id: 'e-1', event: 'changeView' as const };

  it('accepts an ack with or without status and data', () => {
    expect(isSdkAck(sdkAck(event, {}))).toBe(true);
    expect(isSdkAck(sdkAck(event, { status: false, data: 'not now' }))).toBe(true);
    expect(isSdkAck(sdkAck(event, { status: true, data: { view: 'team' } }))).toBe(true);
  });

  it('copies only the documented fields', () => {
    const extra = { status: true, stack: 'secret' } as unknown as { status: boolean };
    expect(sdkAck(event, extra).payload).toEqual({ status: true });
  });

  it.each(junk)('rejects %j without throwing', (data) => {
    expect(isSdkAck(data)).toBe(false);
  });

  it.each([
    ['a status that is a string', { ...sdkAck(event, {}), payload: { status: 'yes' } }],
    ['data that is a number', { ...sdkAck(event, {}), payload: { data: 42 } }],
    ['an unknown payload field', { ...sdkAck(event, {}), payload: { status: true, x: 1 } }],
    ['an unknown event', { ...sdkAck(event, {}), ack: 'changeStaff' }],
    ['the host source', { ...sdkAck(event, {}), source: 'intandem-host' }],
    ['an empty id', { ...sdkAck(event, {}), id: '' }],
  ])('rejects %s', (_, data) => {
    expect(isSdkAck(data)).toBe(false);
  });
});
