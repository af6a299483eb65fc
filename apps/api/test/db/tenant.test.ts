import type { StaffClaims } from '@partner/auth';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { InvalidTenantError, inTenant, tenantOf } from '../../src/db/tenant.ts';

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
    expect(tenantOf(claims({ businessUid: '' }))).toBeUndefined();
  });

  it('accepts claim values of up to 255 characters, any script', () => {
    const long = 'b'.repeat(255);
    expect(tenantOf(claims({ businessUid: long, sub: 'שלום-😀' }))).toMatchObject({
      businessUid: long,
      staffUid: 'שלום-😀',
    });
  });

  it.each([
    ['business_uid', { businessUid: 'b'.repeat(256) }],
    ['business_uid', { businessUid: 'x'.repeat(8000) }],
    ['business_uid', { businessUid: 'biz\u0000' }],
    ['business_uid', { businessUid: 'biz\nforged log line' }],
    ['business_uid', { businessUid: 'biz\u001b[2J' }],
    ['business_uid', { businessUid: 'biz\u009b' }],
    ['sub', { sub: 's'.repeat(256) }],
    ['sub', { sub: '' }],
    ['sub', { sub: 'stf\r' }],
    [
      'actor_uid',
      { actor: { uid: 'adm\u0000', type: 'staff' }, impersonated: true } as Partial<StaffClaims>,
    ],
  ])('refuses a bad %s with InvalidTenantError invalid_claims, naming the claim', (name, bad) => {
    let thrown: unknown;
    try {
      tenantOf(claims(bad));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTenantError);
    expect(thrown).toMatchObject({
      code: 'invalid_claims',
      name: 'InvalidTenantError',
      claim: name,
    });
    // The message names the claim and the rule, never the value.
    expect((thrown as Error).message).toContain(name);
    expect((thrown as Error).message).not.toMatch(/biz|adm|stf|sss/);
  });
});

describe('inTenant', () => {
  it('refuses a tenant without both uids, or with a bad one, before touching the database', async () => {
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
    await expect(
      inTenant(
        untouchable,
        { businessUid: 'biz\u0000', staffUid: 'stf-1', actorUid: null },
        async () => 1,
      ),
    ).rejects.toThrow(InvalidTenantError);
  });
});
