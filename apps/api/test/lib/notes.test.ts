import { describe, expect, it } from 'vitest';
import { createMemoryNotesStore, NOTES_PER_BUSINESS } from '../../src/lib/notes.ts';

const at = new Date('2026-11-30T10:00:00.000Z');
const newStore = () => createMemoryNotesStore(() => at);

describe('memory notes store', () => {
  it('creates notes with an id, the author, the business and the creation time', () => {
    const store = newStore();
    const note = store.create({ businessUid: 'biz-1', authorUid: 'stf-1', text: 'Hello' });
    expect(note).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      text: 'Hello',
      author_uid: 'stf-1',
      business_uid: 'biz-1',
      created_at: '2026-11-30T10:00:00.000Z',
    });
  });

  it('lists one business only, newest first', () => {
    const store = newStore();
    const first = store.create({ businessUid: 'biz-1', authorUid: 's', text: 'first' });
    const second = store.create({ businessUid: 'biz-1', authorUid: 's', text: 'second' });
    store.create({ businessUid: 'biz-2', authorUid: 's', text: 'elsewhere' });
    expect(store.list('biz-1').map((note) => note.id)).toEqual([second?.id, first?.id]);
    expect(store.list('biz-3')).toEqual([]);
  });

  it("deletes only within the note's own business", () => {
    const store = newStore();
    const note = store.create({ businessUid: 'biz-1', authorUid: 's', text: 'mine' });
    if (!note) throw new Error('not created');
    expect(store.remove('biz-2', note.id)).toBe(false);
    expect(store.list('biz-1')).toHaveLength(1);
    expect(store.remove('biz-1', note.id)).toBe(true);
    expect(store.remove('biz-1', note.id)).toBe(false);
    expect(store.list('biz-1')).toEqual([]);
  });

  it('refuses a note past the per-business limit, without affecting other businesses', () => {
    const store = newStore();
    for (let i = 0; i < NOTES_PER_BUSINESS; i += 1) {
      store.create({ businessUid: 'biz-1', authorUid: 's', text: `note ${i}` });
    }
    expect(
      store.create({ businessUid: 'biz-1', authorUid: 's', text: 'one more' }),
    ).toBeUndefined();
    expect(store.create({ businessUid: 'biz-2', authorUid: 's', text: 'other' })).toBeDefined();
  });
});
