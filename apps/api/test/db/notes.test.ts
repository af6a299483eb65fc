import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import {
  createNote,
  decodeCursor,
  deleteNote,
  encodeCursor,
  listNotes,
  type NoteCursor,
} from '../../src/db/notes.ts';
import { inTenant, type Tenant } from '../../src/db/tenant.ts';
import { closeAll, engines, tenantRoleIdentifier } from './support/databases.ts';

afterAll(closeAll);

const tenant = (
  businessUid: string,
  staffUid = 'stf-1',
  actorUid: string | null = null,
): Tenant => ({
  businessUid,
  staffUid,
  actorUid,
});

describe.each(engines)('notes store on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });

  const create = (who: Tenant, text: string, maxPerBusiness = 200) =>
    inTenant(database.db, who, (tx) => createNote(tx, who, { text, maxPerBusiness }));
  const list = (who: Tenant, limit = 100, after?: NoteCursor, authorUid?: string) =>
    inTenant(database.db, who, (tx) => listNotes(tx, who, { limit, after, authorUid }));
  const remove = (who: Tenant, id: string) =>
    inTenant(database.db, who, (tx) => deleteNote(tx, who, id));

  it('creates a note with an id, the author, the business and the creation time', async () => {
    const before = Date.now();
    const note = await create(tenant('biz-create'), 'Hello');
    expect(note).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      text: 'Hello',
      author_uid: 'stf-1',
      business_uid: 'biz-create',
      created_at: expect.any(String),
    });
    const created = Date.parse(note?.created_at ?? '');
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(created).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('records who really acted when someone impersonates the author', async () => {
    const note = await create(tenant('biz-actor', 'stf-1', 'stf-admin'), 'on behalf');
    expect(note).toMatchObject({ author_uid: 'stf-1', actor_uid: 'stf-admin' });
    const { notes } = await list(tenant('biz-actor'));
    expect(notes).toEqual([note]);
  });

  it("lists one business's notes only, newest first", async () => {
    const first = await create(tenant('biz-list'), 'first');
    const second = await create(tenant('biz-list', 'stf-2'), 'second');
    await create(tenant('biz-list-other'), 'elsewhere');
    const page = await list(tenant('biz-list'));
    expect(page.notes.map((note) => note.id)).toEqual([second?.id, first?.id]);
    expect(page.nextCursor).toBeNull();
    expect((await list(tenant('biz-list-none'))).notes).toEqual([]);
  });

  it('pages newest first with an opaque cursor, unaffected by notes added meanwhile', async () => {
    const who = tenant('biz-pages');
    const texts = ['n1', 'n2', 'n3', 'n4', 'n5'];
    for (const text of texts) await create(who, text);
    const first = await list(who, 2);
    expect(first.notes.map((note) => note.text)).toEqual(['n5', 'n4']);
    expect(first.nextCursor).toEqual(expect.any(String));
    await create(who, 'n6'); // lands before page one, so later pages do not shift
    const after = decodeCursor(first.nextCursor ?? '');
    const second = await list(who, 2, after);
    expect(second.notes.map((note) => note.text)).toEqual(['n3', 'n2']);
    const third = await list(who, 2, decodeCursor(second.nextCursor ?? ''));
    expect(third.notes.map((note) => note.text)).toEqual(['n1']);
    expect(third.nextCursor).toBeNull();
  });

  it("a cursor names the last note shown, and nothing of other businesses' activity", async () => {
    const who = tenant('biz-cursor');
    for (const text of ['c1', 'c2', 'c3']) await create(who, text);
    const before = await list(who, 2);
    // Another business writing in between changes nothing in this business's cursors.
    for (let i = 0; i < 7; i += 1) await create(tenant('biz-cursor-other'), `other ${i}`);
    const after = await list(who, 2);
    expect(after.nextCursor).toBe(before.nextCursor);

    const last = before.notes.at(-1);
    const position = decodeCursor(before.nextCursor ?? '');
    expect(position).toEqual({ createdAtMicros: expect.any(BigInt), id: last?.id });
    // The cursor's time is the row's own, to the microsecond (the answer shows milliseconds).
    const micros = position?.createdAtMicros ?? 0n;
    expect(new Date(Number(micros / 1000n)).toISOString()).toBe(last?.created_at);
  });

  it("lists one staff member's own notes with authorUid, paging within them", async () => {
    const mine = tenant('biz-mine', 'stf-me');
    const theirs = tenant('biz-mine', 'stf-them');
    for (const text of ['m1', 't1', 'm2', 't2', 'm3']) {
      await create(text.startsWith('m') ? mine : theirs, text);
    }
    const first = await list(mine, 2, undefined, 'stf-me');
    expect(first.notes.map((note) => note.text)).toEqual(['m3', 'm2']);
    const second = await list(mine, 2, decodeCursor(first.nextCursor ?? ''), 'stf-me');
    expect(second.notes.map((note) => note.text)).toEqual(['m1']);
    expect(second.nextCursor).toBeNull();
    expect((await list(mine, 100, undefined, 'stf-them')).notes.map((n) => n.text)).toEqual([
      't2',
      't1',
    ]);
    expect((await list(tenant('biz-other'), 100, undefined, 'stf-me')).notes).toEqual([]);
  });

  it('refuses a note past the per-business bound, even when creates race', async () => {
    const who = tenant('biz-bound');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => create(who, `note ${i}`, 3)),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await list(who)).notes).toHaveLength(3);
    expect(await create(tenant('biz-bound-other'), 'other', 3)).toBeDefined();
  });

  it("deletes the author's own note; another staff member's is refused; unknown is not found", async () => {
    const note = await create(tenant('biz-delete', 'stf-author'), 'mine');
    if (!note) throw new Error('not created');
    expect(await remove(tenant('biz-delete', 'stf-other'), note.id)).toBe('not_author');
    expect(await remove(tenant('biz-delete-other', 'stf-author'), note.id)).toBe('not_found');
    expect((await list(tenant('biz-delete'))).notes).toHaveLength(1);
    expect(await remove(tenant('biz-delete', 'stf-author'), note.id)).toBe('deleted');
    expect(await remove(tenant('biz-delete', 'stf-author'), note.id)).toBe('not_found');
    expect(await remove(tenant('biz-delete', 'stf-author'), 'not-a-uuid')).toBe('not_found');
    expect((await list(tenant('biz-delete'))).notes).toEqual([]);
  });

  it('keeps businesses apart in every write and delete even if the tenant role bypassed RLS', async () => {
    // Defence in depth: a tenant role altered to BYPASSRLS (the start-up check refuses one,
    // this proves the queries alone still hold).
    const noteOfA = await create(tenant('biz-depth-a', 'stf-1'), 'A keeps this');
    if (!noteOfA) throw new Error('not created');
    const role = await tenantRoleIdentifier(database);
    await database.db.execute(sql.raw(`alter role ${role} bypassrls`));
    try {
      const intruder = tenant('biz-depth-b', 'stf-1');
      expect(await remove(intruder, noteOfA.id)).toBe('not_found');
      expect((await list(intruder)).notes).toEqual([]);
      expect(await create(intruder, 'B writes its own')).toMatchObject({
        business_uid: 'biz-depth-b',
      });
    } finally {
      await database.db.execute(sql.raw(`alter role ${role} nobypassrls`));
    }
    expect((await list(tenant('biz-depth-a'))).notes.map((note) => note.id)).toEqual([noteOfA.id]);
  });

  it('leaves nothing behind when the work fails after the insert', async () => {
    const who = tenant('biz-rollback');
    await expect(
      inTenant(database.db, who, async (tx) => {
        await createNote(tx, who, { text: 'doomed', maxPerBusiness: 200 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await list(who)).notes).toEqual([]);
  });
});

describe('note cursors', () => {
  const id = '0b7e7f4e-8f0c-4c3e-9d57-6f1c2b9a1d00';
  const encoded = (text: string) => Buffer.from(text).toString('base64url');

  it('round-trip a row position: its creation time in microseconds and its id', () => {
    const position = { createdAtMicros: 1_796_154_992_030_123n, id };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(encodeCursor(position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    '',
    'not base64!',
    encoded('42'),
    encoded(`0.${id}`),
    encoded(`-5.${id}`),
    encoded(`1e3.${id}`),
    encoded(`01796154992030123.${id}`),
    encoded(`99999999999999999.${id}`),
    encoded(`1796154992030123.${id.toUpperCase()}`),
    encoded(`1796154992030123.not-a-uuid`),
    encoded(`1796154992030123.${id}.extra`),
    `${encoded(`1796154992030123.${id}`)}=`,
    'x'.repeat(100),
  ])('refuse %j', (cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
