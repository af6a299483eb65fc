import type { StaffClaims } from '@partner/auth';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { inTenant, tenantOf } from '../../src/db/tenant.ts';

const claims = (overrides: Partial<StaffClaims>): StaffClaims =>
  ({
    sub: 'stf-1',
    businessUid: 'biz-1',
    actor: { uid: 'stf-1', type: 'staff' },
    impersonated: false,
    ...overrides,
  }) as StaffClaims;

describe('tenantOf', () => {
  it('takes the business and the staff member from the verified claims', () => {
    expect(tenantOf(claims({}))).toEqual({
      businessUid: 'biz-1',
      staffUid: 'stf-1',
      actorUid: null,
    });
  });

  it('keeps the real actor when someone impersonates the staff member', () => {
    const impersonated = claims({ actor: { uid: 'stf-admin', type: 'staff' }, impersonated: true });
    expect(tenantOf(impersonated)?.actorUid).toBe('stf-admin');
  });

  it('has no tenant for a token without a business', () => {
    expect(tenantOf(claims({ businessUid: null }))).toBeUndefined();
  });
});

describe('inTenant', () => {
  it('refuses a tenant without both uids before touching the database', async () => {
    const untouchable = new Proxy({} as Db, {
      get: () => {
        throw new Error('the database was touched');
      },
    });
    await expect(
      inTenant(untouchable, { businessUid: '', staffUid: 'stf-1', actorUid: null }, async () => 1),
    ).rejects.toThrow(TypeError);
    await expect(
      inTenant(untouchable, { businessUid: 'biz-1', staffUid: '', actorUid: null }, async () => 1),
    ).rejects.toThrow(TypeError);
  });
});
