/**
 * The notes store. Every function runs inside a tenant transaction (`inTenant`), so the
 * database limits it to the token's business. Each statement also names the business (and, for
 * a delete, the author) itself: defence in depth should the tenant role ever bypass row-level
 * security, and what lets the planner use the index.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Note } from '../contract.ts';
import { notes } from './schema.ts';
import type { Tenant, Tx } from './tenant.ts';

export const NOTE_MAX_LENGTH = 2000;
export const NOTES_PAGE_MAX = 100;
/** The most notes one business may keep: the notes route's row cap. */
export const NOTES_PER_BUSINESS = 200;

interface NotePage {
  notes: Note[];
  /** Opaque; pass it back to get the next (older) page. `null` on the last page. */
  nextCursor: string | null;
}

/**
 * A row's position in the newest-first order: its creation time in microseconds since the
 * epoch (the database's precision, finer than the answer's ISO time) and its id.
 */
export interface NoteCursor {
  createdAtMicros: bigint;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Microseconds (no leading zero, up to the year 2286), a dot, the id as the database writes it. */
const CURSOR_TEXT =
  /^([1-9][0-9]{0,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Cursors are opaque to clients, and carry only the position of the caller's own last row. */
export function encodeCursor(position: NoteCursor): string {
  return Buffer.from(`${position.createdAtMicros}.${position.id}`).toString('base64url');
}

/** The position a cursor stands for, or `undefined` when it is not one this API issued. */
export function decodeCursor(cursor: string): NoteCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return undefined;
  const match = CURSOR_TEXT.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1] || !match[2]) return undefined;
  const position = { createdAtMicros: BigInt(match[1]), id: match[2] };
  // One spelling per position: base64url that decodes the same but is written otherwise is not ours.
  return encodeCursor(position) === cursor ? position : undefined;
}

const columns = {
  id: notes.id,
  text: notes.text,
  authorUid: notes.authorUid,
  actorUid: notes.actorUid,
  businessUid: notes.businessUid,
  createdAt: notes.createdAt,
  /** `created_at` to the microsecond, which a JavaScript Date cannot hold. */
  createdAtMicros: sql<string>`(extract(epoch from ${notes.createdAt}) * 1000000)::bigint::text`,
};

type Row = {
  [K in Exclude<keyof typeof columns, 'createdAtMicros'>]: (typeof notes.$inferSelect)[K];
};

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

/** Rows strictly after `position` in the newest-first order (a row comparison, one index range). */
function olderThan(position: NoteCursor): SQL {
  const at = sql`(timestamptz 'epoch' + ${position.createdAtMicros.toString()}::bigint * interval '1 microsecond')`;
  return sql`(${notes.createdAt}, ${notes.id}) < (${at}, ${position.id}::uuid)`;
}

/**
 * Newest first; `after` is a decoded cursor; `authorUid` keeps one staff member's notes (a
 * "my notes" view).
 */
export async function listNotes(
  tx: Tx,
  tenant: Tenant,
  page: { limit: number; after?: NoteCursor | undefined; authorUid?: string | undefined },
): Promise<NotePage> {
  const rows = await tx
    .select(columns)
    .from(notes)
    .where(
      and(
        eq(notes.businessUid, tenant.businessUid),
        page.authorUid === undefined ? undefined : eq(notes.authorUid, page.authorUid),
        page.after === undefined ? undefined : olderThan(page.after),
      ),
    )
    // As the index orders them, so the newest rows are read first and the scan stops early.
    .orderBy(sql`${notes.createdAt} desc nulls last`, sql`${notes.id} desc nulls last`)
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return {
    notes: shown.map(toNote),
    nextCursor:
      more && last
        ? encodeCursor({ createdAtMicros: BigInt(last.createdAtMicros), id: last.id })
        : null,
  };
}

/** Adds a note by the tenant's staff member (and its actor, when impersonated). */
export async function createNote(tx: Tx, tenant: Tenant, input: { text: string }): Promise<Note> {
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

type DeleteOutcome = 'deleted' | 'not_author' | 'not_found';

/**
 * Deletes the tenant's own note. When nothing is deleted, a note still readable in this
 * business tells "not yours" from "not here"; another business's note is "not here".
 */
export async function deleteNote(tx: Tx, tenant: Tenant, id: string): Promise<DeleteOutcome> {
  if (!UUID.test(id)) return 'not_found';
  const inBusiness = and(eq(notes.businessUid, tenant.businessUid), eq(notes.id, id));
  const deleted = await tx
    .delete(notes)
    .where(and(inBusiness, eq(notes.authorUid, tenant.staffUid)))
    .returning({ id: notes.id });
  if (deleted.length > 0) return 'deleted';
  const visible = await tx.select({ id: notes.id }).from(notes).where(inBusiness);
  return visible.length > 0 ? 'not_author' : 'not_found';
}
