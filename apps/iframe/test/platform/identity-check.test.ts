import { describe, expect, it } from 'vitest';
import type { Me } from '../../src/api.ts';
import { identityMismatches } from '../../src/platform/identity-check.ts';
import { platformUser } from '../support/sdk.ts';

const ME: Me = {
  staff: { uid: 'staff-1' },
  business: { uid: 'business-1' },
  app: 'partner-app',
  expires_at: '2999-01-01T00:00:00.000Z',
};

const TRUTH = platformUser();

describe('identityMismatches', () => {
  it('finds nothing when the platform page agrees with the verified identity', () => {
    expect(identityMismatches(TRUTH, ME)).toEqual([]);
    const acting = { ...ME, actor: { uid: 'support-7', type: 'staff' } };
    expect(identityMismatches({ ...TRUTH, impersonate: true }, acting)).toEqual([]);
  });

  it('reports each field the page lies about, beside the verified value', () => {
    const lie = { ...TRUTH, staffUid: 'staff-9', businessUid: 'business-9', impersonate: true };
    expect(identityMismatches(lie, ME)).toEqual([
      { field: 'staffUid', platform: 'staff-9', verified: 'staff-1' },
      { field: 'businessUid', platform: 'business-9', verified: 'business-1' },
      { field: 'impersonate', platform: 'true', verified: 'false' },
    ]);
  });

  it('reports an impersonation the page keeps quiet about', () => {
    const acting = { ...ME, actor: { uid: 'support-7', type: 'staff' } };
    expect(identityMismatches(TRUTH, acting)).toEqual([
      { field: 'impersonate', platform: 'false', verified: 'true' },
    ]);
  });

  it('compares the business with "none" when the token names none', () => {
    const { business: _business, ...noBusiness } = ME;
    expect(identityMismatches(TRUTH, noBusiness)).toEqual([
      { field: 'businessUid', platform: 'business-1', verified: 'none' },
    ]);
  });
});
