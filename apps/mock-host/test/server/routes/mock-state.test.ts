import { describe, expect, it } from 'vitest';
import type { MockState } from '../../../src/shared/contract.ts';
import { type TestHost, useMockHost } from '../../helpers/mock-host.ts';

let host: TestHost;
useMockHost(
  (started) => {
    host = started;
  },
  { APP_URL: 'http://127.0.0.1:5999', WIDGET_UID: 'w-1' },
);

const getState = async () => (await host.request<MockState>('GET', '/__mock/state')).body;
const put = (patch: unknown) => host.request<MockState>('PUT', '/__mock/state', patch);

describe('GET /__mock/state', () => {
  it('describes the start state', async () => {
    const state = await getState();
    expect(state).toMatchObject({
      appUrl: 'http://127.0.0.1:5999/',
      appCodeName: 'demo-app',
      widgetUid: 'w-1',
      tokenTtlSec: 300,
      business: { uid: 'biz_9f3k2m7q', name: 'Harbor Yoga Studio' },
      staff: { uid: 'stf_a1b2c3d4', role: 'admin' },
      actor: null,
      weakKeyPublished: false,
      jwksOutage: 'none',
      tokenRateLimitPerMin: 10,
      language: 'en',
      brandHost: 'app.intandem.example',
      view: 'team',
      userOverride: null,
    });
    expect(state.keys).toEqual([
      { kid: expect.any(String), active: true, createdAt: expect.any(String) },
    ]);
  });

  it('lists a directory of at least two businesses with two staff members each, one admin', async () => {
    const { directory } = await getState();
    expect(directory.length).toBeGreaterThanOrEqual(2);
    for (const business of directory) {
      expect(business.staff.length).toBeGreaterThanOrEqual(2);
      expect(business.staff.filter((member) => member.role === 'admin')).toHaveLength(1);
    }
  });
});

describe('PUT /__mock/state', () => {
  it('switching business alone signs in its admin and ends impersonation', async () => {
    await put({ actorUid: 'stf_e5f6g7h8' });
    const { status, body } = await put({ businessUid: 'biz_4t8w1x6z' });
    expect(status).toBe(200);
    expect(body.business.uid).toBe('biz_4t8w1x6z');
    expect(body.staff).toEqual({ uid: 'stf_j2k4m6n8', name: 'Maya Cohen', role: 'admin' });
    expect(body.actor).toBeNull();
  });

  it('switching staff alone follows them to their business', async () => {
    const { body } = await put({ staffUid: 'stf_p3r5s7t9' });
    expect(body.business.uid).toBe('biz_4t8w1x6z');
    expect(body.staff.uid).toBe('stf_p3r5s7t9');
  });

  it('impersonates another staff member of the same business, and stops with null', async () => {
    const { body } = await put({ actorUid: 'stf_e5f6g7h8' });
    expect(body.staff.uid).toBe('stf_a1b2c3d4');
    expect(body.actor).toMatchObject({ uid: 'stf_e5f6g7h8' });
    expect((await put({ actorUid: null })).body.actor).toBeNull();
  });

  it('sets the fault switches and the rate limit', async () => {
    const { body } = await put({
      jwksOutage: 'hang',
      tokenRateLimitPerMin: 0,
      weakKeyPublished: true,
      appCodeName: 'other-app',
      widgetUid: 'w-2',
    });
    expect(body).toMatchObject({
      jwksOutage: 'hang',
      tokenRateLimitPerMin: 0,
      weakKeyPublished: true,
      appCodeName: 'other-app',
      widgetUid: 'w-2',
    });
  });

  it('sets the language as a canonical BCP 47 tag, the brand host and the view', async () => {
    expect((await put({ language: 'he' })).body.language).toBe('he');
    expect((await put({ language: 'pt-br' })).body.language).toBe('pt-BR');
    const { body } = await put({ brandHost: 'CRM.Harbor-Suite.example:8443', view: 'my_view' });
    expect(body).toMatchObject({ brandHost: 'crm.harbor-suite.example:8443', view: 'my_view' });
  });

  it('makes getUser lie on purpose, and tell the truth again with null', async () => {
    const override = { staffUid: 'stf_e5f6g7h8', businessUid: 'biz_4t8w1x6z', impersonate: true };
    expect((await put({ userOverride: override })).body.userOverride).toEqual(override);
    // The token side is untouched: the signed-in staff member is still the same.
    expect((await getState()).staff.uid).toBe('stf_a1b2c3d4');
    expect((await put({ userOverride: null })).body.userOverride).toBeNull();
  });

  it.each([
    ['an unknown business', { businessUid: 'biz_nope' }, 'unknown_business'],
    ['a language that is no tag', { language: 'english please' }, 'invalid_body'],
    ['an empty language', { language: '' }, 'invalid_body'],
    ['a brand host with a scheme', { brandHost: 'https://app.example.com' }, 'invalid_body'],
    ['a brand host with a path', { brandHost: 'app.example.com/x' }, 'invalid_body'],
    ['an unknown view', { view: 'everyone' }, 'invalid_body'],
    ['an override that is no object', { userOverride: 'stf_x' }, 'invalid_body'],
    ['an override of another field', { userOverride: { language: 'he' } }, 'unknown_field'],
    ['an override with a numeric uid', { userOverride: { staffUid: 7 } }, 'invalid_body'],
    ['an unknown staff uid', { staffUid: 'stf_nope' }, 'unknown_staff'],
    [
      'staff of another business',
      { businessUid: 'biz_9f3k2m7q', staffUid: 'stf_p3r5s7t9' },
      'unknown_staff',
    ],
    ['an actor from another business', { actorUid: 'stf_j2k4m6n8' }, 'invalid_actor'],
    ['the staff member as their own actor', { actorUid: 'stf_a1b2c3d4' }, 'invalid_actor'],
    ['a numeric staff uid', { staffUid: 5 }, 'invalid_body'],
    ['an empty app code name', { appCodeName: '' }, 'invalid_body'],
    ['an unknown outage', { jwksOutage: 'slow' }, 'invalid_body'],
    ['a negative rate limit', { tokenRateLimitPerMin: -1 }, 'invalid_body'],
    ['a string rate limit', { tokenRateLimitPerMin: '10' }, 'invalid_body'],
    ['a non-boolean weakKeyPublished', { weakKeyPublished: 'yes' }, 'invalid_body'],
    ['read-only keys', { keys: [] }, 'unknown_field'],
    ['an empty patch', {}, 'invalid_body'],
  ])('answers 400 for %s and changes nothing', async (_name, patch, code) => {
    const before = await getState();
    const { status, body } = await host.request('PUT', '/__mock/state', patch);
    expect(status).toBe(400);
    expect(body.errors[0]?.code).toBe(code);
    expect(await getState()).toEqual(before);
  });

  it('applies nothing when one field of a patch is refused', async () => {
    const before = await getState();
    const { status } = await put({ jwksOutage: 'error', staffUid: 'stf_nope' });
    expect(status).toBe(400);
    expect(await getState()).toEqual(before);
  });
});

describe('POST /__mock/reset', () => {
  it('restores the original key alone, default staff, no outage, and clears rate counters', async () => {
    const start = await getState();
    await put({ staffUid: 'stf_p3r5s7t9', tokenRateLimitPerMin: 1 });
    await host.platformToken();
    const limited = await host.request('POST', '/v3/apps/compact_jws_tokens', {
      app_code_name: 'demo-app',
    });
    expect(limited.status).toBe(429);
    await host.request('POST', '/__mock/keys/rotate');
    await put({
      actorUid: 'stf_j2k4m6n8',
      jwksOutage: 'error',
      weakKeyPublished: true,
      appCodeName: 'other-app',
      widgetUid: 'w-2',
      language: 'he',
      brandHost: 'crm.harbor-suite.example',
      view: 'my_view',
      userOverride: { staffUid: 'stf_x' },
    });

    const { status, body } = await host.request<MockState>('POST', '/__mock/reset');
    expect(status).toBe(200);
    expect(body).toEqual(start);
    expect(await getState()).toEqual(start);
    // Counters cleared: the same staff member gets a token again at once.
    await put({ staffUid: 'stf_p3r5s7t9', tokenRateLimitPerMin: 1 });
    await expect(host.platformToken()).resolves.toHaveProperty('token');
  });
});
