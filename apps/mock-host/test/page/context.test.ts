import { isPlatformUser, isResultOf } from '@intandem/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { placeOf, platformUserOf } from '../../src/page/context.ts';
import type { MockState } from '../../src/shared/contract.ts';

const dana = { uid: 'stf_a1b2c3d4', name: 'Dana Levi', role: 'admin' as const };
const omer = { uid: 'stf_e5f6g7h8', name: 'Omer Katz', role: 'staff' as const };

function state(overrides: Partial<MockState> = {}): MockState {
  return {
    appUrl: 'http://127.0.0.1:5173/',
    appCodeName: 'demo-app',
    widgetUid: 'demo-widget',
    tokenTtlSec: 300,
    business: { uid: 'biz_9f3k2m7q', directoryUid: 'dir_vcita_main', name: 'Harbor Yoga Studio' },
    staff: dana,
    actor: null,
    directory: [],
    keys: [],
    weakKeyPublished: false,
    jwksOutage: 'none',
    tokenRateLimitPerMin: 10,
    language: 'he',
    brandHost: 'app.intandem.example',
    view: 'my_view',
    userOverride: null,
    ...overrides,
  };
}

describe('platformUserOf', () => {
  it('tells who is signed in, in which language and brand, in the shape the SDK checks', () => {
    const user = platformUserOf(state());
    expect(user).toEqual({
      brandHost: 'app.intandem.example',
      businessUid: 'biz_9f3k2m7q',
      staffUid: 'stf_a1b2c3d4',
      impersonate: false,
      language: 'he',
    });
    expect(isPlatformUser(user)).toBe(true);
  });

  it('says impersonate while someone acts as the staff member', () => {
    expect(platformUserOf(state({ actor: omer })).impersonate).toBe(true);
  });

  it('lies where the override says, and only there', () => {
    const user = platformUserOf(state({ userOverride: { staffUid: omer.uid } }));
    expect(user).toMatchObject({ staffUid: omer.uid, businessUid: 'biz_9f3k2m7q', language: 'he' });
  });
});

describe('placeOf', () => {
  it('places the app on a page, with the view and the signed-in staff member', () => {
    const place = placeOf(state());
    expect(place).toEqual({
      hostName: 'intandem-mock',
      hostType: 'page',
      staff: { uid: 'stf_a1b2c3d4' },
      accountUid: 'biz_9f3k2m7q',
      view: 'my_view',
    });
    expect(isResultOf('getState', { ...place, state: 'loading' })).toBe(true);
  });
});
