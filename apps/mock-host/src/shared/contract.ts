/**
 * The mock host's own HTTP contract (`/__mock/*`), shared by the server and the host page.
 * The platform's endpoints use the types in `@intandem/sdk/protocol`.
 */

type StaffRole = 'admin' | 'staff';

export interface StaffMember {
  uid: string;
  name: string;
  role: StaffRole;
}

export interface Business {
  uid: string;
  directoryUid: string;
  name: string;
  staff: readonly StaffMember[];
}

/** How the JWKS endpoint misbehaves: not at all, 503, or never answering. */
export type JwksOutage = 'none' | 'error' | 'hang';
export const JWKS_OUTAGES: readonly JwksOutage[] = ['none', 'error', 'hang'];

/** The platform's views: the whole team's work, or the staff member's own (`my_view`). */
export type View = 'team' | 'my_view';
export const VIEWS: readonly View[] = ['team', 'my_view'];

/** Languages the dev panel offers (any BCP 47 tag is accepted over HTTP); `he` is right to left. */
export const PANEL_LANGUAGES: readonly { tag: string; label: string }[] = [
  { tag: 'en', label: 'English (en)' },
  { tag: 'he', label: 'עברית (he)' },
  { tag: 'es', label: 'Español (es)' },
  { tag: 'de', label: 'Deutsch (de)' },
];

/** Brand hosts the dev panel offers: the platform's own, and a white-label partner's. */
export const BRAND_HOSTS: readonly string[] = ['app.intandem.example', 'crm.harbor-suite.example'];

/**
 * What `getUser` answers in place of the truth: the host page is not a source of identity, and
 * tests use this to check that the app believes only its verified token.
 */
export interface UserOverride {
  staffUid?: string;
  businessUid?: string;
  impersonate?: boolean;
}

export interface KeyInfo {
  kid: string;
  /** New tokens are signed with the active key. */
  active: boolean;
  createdAt: string;
}

/** `GET /__mock/state`, and the answer to every state change. */
export interface MockState {
  appUrl: string;
  appCodeName: string;
  /** The widget uid the host holds for the app; `init` with another one is refused. */
  widgetUid: string;
  tokenTtlSec: number;
  business: Omit<Business, 'staff'>;
  staff: StaffMember;
  /** Who acts when someone impersonates `staff` (the token's `actor_uid`); null otherwise. */
  actor: StaffMember | null;
  directory: readonly Business[];
  keys: readonly KeyInfo[];
  /** Whether the deliberately weak RSA-1024 test key is in the JWKS. */
  weakKeyPublished: boolean;
  jwksOutage: JwksOutage;
  /** Tokens per staff member per sliding minute; 0 turns the limit off. */
  tokenRateLimitPerMin: number;
  /** The platform UI's language, a canonical BCP 47 tag (`getUser().language`). */
  language: string;
  /** The host name the platform is branded under (`getUser().brandHost`). */
  brandHost: string;
  /** The view the platform shows (`getState().view`); changing it sends the app ChangeView. */
  view: View;
  /** Fields `getUser` lies about; null: it tells the truth. */
  userOverride: UserOverride | null;
}

/** `PUT /__mock/state`: every field optional; the answer is the new `MockState`. */
export interface MockStatePatch {
  businessUid?: string;
  staffUid?: string;
  /** Another staff member of the same business to act as; null stops impersonating. */
  actorUid?: string | null;
  appCodeName?: string;
  widgetUid?: string;
  weakKeyPublished?: boolean;
  jwksOutage?: JwksOutage;
  tokenRateLimitPerMin?: number;
  language?: string;
  brandHost?: string;
  view?: View;
  /** null: getUser tells the truth again. */
  userOverride?: UserOverride | null;
}

/**
 * How `POST /__mock/tokens` signs:
 * - `'active'`: the active published key (a valid token unless other overrides break it);
 * - `'forged'`: an unpublished RSA-2048 key, under the active key's `kid`;
 * - `'weak'`: an RSA-1024 key under its own `kid` (published only while `weakKeyPublished`);
 * - `'hs256'`: HMAC-SHA256 keyed with the active public key's PEM (algorithm confusion);
 * - `'none'`: `alg: "none"`, no signature;
 * - `{ kid }`: a specific published key, e.g. the previous one after a rotation.
 */
export type SignWith = 'active' | 'forged' | 'weak' | 'hs256' | 'none' | { kid: string };
export const SIGN_WITH_NAMES = ['active', 'forged', 'weak', 'hs256', 'none'] as const;

/** `POST /__mock/tokens`; the answer is a `CompactJWSToken`. */
export interface MockTokenRequest {
  /** Claims merged over the current staff member's claims; `null` removes a claim. */
  claims?: Record<string, unknown>;
  /** Header parameters merged over `{ typ, kid }`; `null` removes one; `alg` comes from `signWith`. */
  header?: Record<string, unknown>;
  /** `exp = iat + ttlSec`; negative gives an already expired token. Default TOKEN_TTL_SEC. */
  ttlSec?: number;
  signWith?: SignWith;
  /**
   * Changes the payload after signing, so the signature no longer matches:
   * `true` extends `exp` by one hour; an object is merged over the signed claims.
   */
  tamper?: boolean | Record<string, unknown>;
}

/** Every error the mock host answers with, in the platform's shape. */
export interface PlatformErrorBody {
  success: false;
  errors: { code: string; message: string }[];
}
