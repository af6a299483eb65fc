/**
 * The notes store. Every function runs inside a tenant transaction (`inTenant`), so the
 * database limits it to the token's business; the explicit `business_uid` conditions only help
 * the planner use the index.
 */
import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import type { Note } from '../contract.ts';
import { notes } from './schema.ts';
import type { Tenant, Tx } from './tenant.ts';

export const NOTE_MAX_LENGTH = 2000;
export const NOTES_PAGE_MAX = 100;

export interface NotePage {
  notes: Note[];
  /** Opaque; pass it back to get the next (older) page. `null` on the last page. */
  nextCursor: string | null;
}

/** Cursors are opaque to clients: today the `seq` of the page's last note. */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq)).toString('base64url');
}

/** The `seq` a cursor stands for, or `undefined` when it is not one this API issued. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^[1-9][0-9]{0,15}$/.test(text)) return undefined;
  const seq = Number(text);
  return Number.isSafeInteger(seq) ? seq : undefined;
}

const columns = {
  id: notes.id,
  seq: notes.seq,
  text: notes.text,
  authorUid: notes.authorUid,
  actorUid: notes.actorUid,
  businessUid: notes.businessUid,
  createdAt: notes.createdAt,
};

type Row = { [K in keyof typeof columns]: (typeof notes.$inferSelect)[K] };

function toNote(row: Row): Note {
  return {
    id: row.id,
    text: row.text,
    author_uid: row.authorUid,
    ...(row.actorUid === null ? {} : { actor_uid: row.actorUid }),
    business_uid: row.businessUid,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Newest first; `after` is a decoded cursor. `mine`: only the notes the tenant's staff member
 * authored (the verified token's, never a client's word for who that is).
 */
export async function listNotes(
  tx: Tx,
  tenant: Tenant,
  page: { limit: number; after?: number | undefined; mine?: boolean },
): Promise<NotePage> {
  const rows = await tx
    .select(columns)
    .from(notes)
    .where(
      and(
        eq(notes.businessUid, tenant.businessUid),
        page.mine ? eq(notes.authorUid, tenant.staffUid) : undefined,
        page.after === undefined ? undefined : lt(notes.seq, page.after),
      ),
    )
    .orderBy(desc(notes.seq))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return { notes: shown.map(toNote), nextCursor: more && last ? encodeCursor(last.seq) : null };
}

/** The new note, or `undefined` when the business already holds `maxPerBusiness` notes. */
export async function createNote(
  tx: Tx,
  tenant: Tenant,
  input: { text: string; maxPerBusiness: number },
): Promise<Note | undefined> {
  // Creates for one business take turns, so concurrent ones cannot overshoot the bound.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`notes:${tenant.businessUid}`}, 0))`,
  );
  const [held] = await tx
    .select({ n: count() })
    .from(notes)
    .where(eq(notes.businessUid, tenant.businessUid));
  if ((held?.n ?? 0) >= input.maxPerBusiness) return undefined;
  const [row] = await tx
    .insert(notes)
    .values({
      businessUid: tenant.businessUid,
      authorUid: tenant.staffUid,
      actorUid: tenant.actorUid,
      text: input.text,
    })
    .returning(columns);
  if (!row) throw new Error('The insert returned no row.');
  return toNote(row);
}

export type DeleteOutcome = 'deleted' | 'not_author' | 'not_found';

/**
 * Deletes a note. The delete policy allows only the author's own notes; when it refuses, the
 * note is still readable in this business, which tells "not yours" from "not here".
 */
export async function deleteNote(tx: Tx, id: string): Promise<DeleteOutcome> {
  if (!UUID.test(id)) return 'not_found';
  const deleted = await tx.delete(notes).where(eq(notes.id, id)).returning({ id: notes.id });
  if (deleted.length > 0) return 'deleted';
  const visible = await tx.select({ id: notes.id }).from(notes).where(eq(notes.id, id));
  return visible.length > 0 ? 'not_author' : 'not_found';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
