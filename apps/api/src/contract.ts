/**
 * The JSON bodies this API answers with. The iframe app imports these types (type-only, so
 * nothing of the server reaches its bundle): change a shape here and the frontend's typecheck
 * shows every place that must follow. Every name on the wire is snake_case.
 */

export type { AuthErrorCode } from '@partner/auth';
export {
  API_ERROR_CODES,
  type ApiErrorCode,
  type ErrorBody,
} from './lib/errors.ts';

/** `GET /api/me`: who the verified token belongs to. */
export interface Me {
  staff: { uid: string };
  /** Absent when the token names no business. */
  business?: { uid: string };
  /** Present only when someone acts on the staff member's behalf. */
  actor?: { uid: string; type: string };
  /** The app code name the token was issued for (`aud`). */
  app: string;
  /** When the token expires, ISO 8601. */
  expires_at: string;
}

// demo:start
/** One note, as `POST /api/notes` answers it and `GET /api/notes` lists it. */
export interface Note {
  id: string;
  text: string;
  /** The staff member the token was issued for (`sub`). */
  author_uid: string;
  /** Who really wrote it, present only when someone impersonated the author. */
  actor_uid?: string;
  business_uid: string;
  created_at: string;
}

/** `GET /api/notes?limit=&cursor=`: one page of the business's notes, newest first. */
export interface NoteList {
  notes: Note[];
  /** Pass it back as `cursor` for the next (older) page; `null` on the last page. */
  next_cursor: string | null;
}
// demo:end
