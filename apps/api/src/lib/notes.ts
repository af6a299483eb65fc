/**
 * Notes kept in memory, per business. Replace this module with your database: the route
 * handlers only use the `NotesStore` interface.
 */
import type { Note } from '../contract.ts';
import { processSingleton } from './singleton.ts';

export const NOTE_MAX_LENGTH = 2000;
/** Bounds memory: the demo store is shared by everyone who can get a token. */
export const NOTES_PER_BUSINESS = 200;

export interface NotesStore {
  list(businessUid: string): Note[];
  create(input: { businessUid: string; authorUid: string; text: string }): Note | undefined;
  remove(businessUid: string, id: string): boolean;
}

export function createMemoryNotesStore(now: () => Date = () => new Date()): NotesStore {
  const byBusiness = new Map<string, Note[]>();
  return {
    list: (businessUid) => [...(byBusiness.get(businessUid) ?? [])].reverse(),
    create({ businessUid, authorUid, text }) {
      const notes = byBusiness.get(businessUid) ?? [];
      if (notes.length >= NOTES_PER_BUSINESS) return undefined;
      const note: Note = {
        id: crypto.randomUUID(),
        text,
        author_uid: authorUid,
        business_uid: businessUid,
        created_at: now().toISOString(),
      };
      byBusiness.set(businessUid, [...notes, note]);
      return note;
    },
    remove(businessUid, id) {
      const notes = byBusiness.get(businessUid) ?? [];
      const kept = notes.filter((note) => note.id !== id);
      byBusiness.set(businessUid, kept);
      return kept.length !== notes.length;
    },
  };
}

export const notes: NotesStore = processSingleton('notes', () => createMemoryNotesStore());
