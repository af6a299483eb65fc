import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import {
  createNote,
  decodeCursor,
  deleteNote,
  encodeCursor,
  listNotes,
} from '../../src/db/notes.ts';
import { inTenant, type Tenant } from '../../src/db/tenant.ts';
import { closeAll, engines } from './support/databases.ts';

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
  const list = (who: Tenant, limit = 100, after?: number, mine = false) =>
    inTenant(database.db, who, (tx) => listNotes(tx, who, { limit, after, mine }));
  const remove = (who: Tenant, id: string) =>
    inTenant(database.db, who, (tx) => deleteNote(tx, id));

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

  it("lists only the caller's own notes when asked, paging the same way", async () => {
    const me = tenant('biz-mine', 'stf-me');
    for (const text of ['m1', 'm2', 'm3']) {
      await create(me, text);
      await create(tenant('biz-mine', 'stf-colleague'), `colleague after ${text}`);
    }
    // Impersonated, the author is still the staff member the token names.
    await create(tenant('biz-mine', 'stf-me', 'stf-admin'), 'm4 on my behalf');
    await create(tenant('biz-mine-other', 'stf-me'), 'same uid, other business');
    const first = await list(me, 2, undefined, true);
    expect(first.notes.map((note) => note.text)).toEqual(['m4 on my behalf', 'm3']);
    const second = await list(me, 2, decodeCursor(first.nextCursor ?? ''), true);
    expect(second.notes.map((note) => note.text)).toEqual(['m2', 'm1']);
    expect(second.nextCursor).toBeNull();
    expect((await list(me)).notes).toHaveLength(7);
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
  it('round-trip a sequence number', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(decodeCursor(encodeCursor(2 ** 40))).toBe(2 ** 40);
  });

  it.each([
    '',
    'not base64!',
    Buffer.from('0').toString('base64url'),
    Buffer.from('-5').toString('base64url'),
    Buffer.from('1e3').toString('base64url'),
    Buffer.from('99999999999999999').toString('base64url'),
    'x'.repeat(100),
  ])('refuse %j', (cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
