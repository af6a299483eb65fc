import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { belowRowCap, type RowCap } from '../../src/db/row-cap.ts';
import { inTenant, type Tenant } from '../../src/db/tenant.ts';
import { closeAll, engines } from './support/databases.ts';
import { tenantProbes } from './support/probe-table.ts';

afterAll(closeAll);

const tenant = (businessUid: string): Tenant => ({
  businessUid,
  staffUid: 'stf-1',
  actorUid: null,
});
const cap: RowCap = { table: tenantProbes, max: 3 };

describe.each(engines)('row cap on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });

  /** An insert guarded as the route helper guards it: `true` when the row was added. */
  const guardedInsert = (who: Tenant, text: string) =>
    inTenant(database.db, who, async (tx) => {
      if (!(await belowRowCap(tx, who, cap))) return false;
      await tx
        .insert(tenantProbes)
        .values({ businessUid: who.businessUid, ownerUid: who.staffUid, text });
      return true;
    });

  it('lets a business reach the bound and no further, even when inserts race', async () => {
    const who = tenant('biz-cap');
    const added = await Promise.all(
      Array.from({ length: 6 }, (_, i) => guardedInsert(who, `note ${i}`)),
    );
    expect(added.filter(Boolean)).toHaveLength(cap.max);
    expect(await guardedInsert(who, 'one more')).toBe(false);
  });

  it("counts each business's rows alone", async () => {
    for (let i = 0; i < cap.max; i += 1) await guardedInsert(tenant('biz-cap-full'), `n${i}`);
    expect(await guardedInsert(tenant('biz-cap-full'), 'over')).toBe(false);
    expect(await guardedInsert(tenant('biz-cap-other'), 'first')).toBe(true);
  });
});
