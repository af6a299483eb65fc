import type { SDK_ERROR_CODES } from '@intandem/sdk';
import type { HOST_ERROR_CODES } from '@intandem/sdk/protocol';
import type { ApiErrorCode, AuthErrorCode } from '@partner/api/contract';
import type { CLIENT_ERROR_CODES } from '@partner/auth/client';
import { ApiError } from '@partner/auth/client';

type ValueOf<T> = T[keyof T];

/** Every code the app can meet: the API's, authentication's, the SDK's, the host's and the client's. */
export type ErrorCode =
  | ApiErrorCode
  | AuthErrorCode
  | ValueOf<typeof SDK_ERROR_CODES>
  | ValueOf<typeof HOST_ERROR_CODES>
  | ValueOf<typeof CLIENT_ERROR_CODES>;

/** What a person should read for each code: a code without a sentence fails the typecheck. */
const EXPLANATIONS: Record<ErrorCode, string> = {
  // The API's own (API_ERROR_CODES).
  invalid_body: 'The app sent something the server does not accept.',
  invalid_query: 'The app asked for something the server does not accept.',
  invalid_claims: 'Your account details from the platform cannot be used here.',
  no_business: 'Your session is not tied to a business.',
  not_author: 'Only the person who created this may change it.',
  not_found: 'It is not there any more.',
  method_not_allowed: 'The server does not offer that action.',
  body_timeout: 'The connection was too slow. Try again.',
  limit_reached: 'Your business has reached its limit. Delete something first.',
  body_too_large: 'That is too large to send.',
  internal_error: 'Something went wrong on the server. Try again shortly.',
  db_unavailable: 'The server cannot reach its data right now. Try again shortly.',
  // Authentication (AUTH_ERROR_CODES).
  missing_token: 'No token was sent.',
  invalid_request: 'The app sent its token the wrong way.',
  malformed_token: 'The token is damaged.',
  unsupported_algorithm: 'The token uses an algorithm this app does not accept.',
  missing_kid: 'The token does not say which platform key signed it.',
  unknown_key: 'The token was signed with a key the platform does not publish.',
  invalid_signature: 'The token signature does not match the platform keys.',
  token_expired: 'Your session token has expired.',
  token_not_yet_valid: 'The token is not valid yet; check this computer’s clock.',
  token_too_old: 'Your session token is too old. Reload the page.',
  token_lifetime_too_long: 'The token lives longer than this app allows.',
  invalid_audience: 'The token was issued for another app.',
  invalid_issuer: 'The token was not issued by the platform.',
  invalid_subject: 'The token does not name a staff member.',
  subject_mismatch: 'That belongs to another staff member.',
  token_revoked: 'Your session was revoked. Sign in again.',
  revocation_unavailable: 'Your session cannot be checked right now. Try again shortly.',
  jwks_unavailable: 'The platform keys could not be fetched. Try again shortly.',
  // The SDK and the host.
  not_embedded: 'Open this app from inside the platform.',
  timeout: 'The platform did not answer in time. Reload the page.',
  origin_rejected: 'This page is not framed by an allowed platform origin.',
  not_initialized: 'The app asked the platform for something before starting.',
  invalid_options: 'The app is misconfigured.',
  invalid_reply: 'The platform answered something this app does not understand.',
  invalid_argument: 'The app answered the platform with something it cannot send.',
  widget_mismatch: 'The platform does not know this app instance. Reload the page.',
  rate_limited: 'Too many token requests. Wait a moment and reload.',
  // The browser client.
  http_error: 'The server answered with an error.',
  invalid_response: 'The server answered something this app does not understand.',
  network_error: 'The server could not be reached.',
  invalid_auth_result: 'The platform gave no usable token.',
};

function explain(code: string): string | undefined {
  return Object.hasOwn(EXPLANATIONS, code) ? EXPLANATIONS[code as ErrorCode] : undefined;
}

export function ErrorNotice({ error, title }: { error: Error; title: string }) {
  const code = error instanceof ApiError || 'code' in error ? String(error.code) : 'error';
  return (
    <div className="notice" role="alert">
      <strong>{title}</strong>
      <p>{explain(code) ?? error.message}</p>
      <p className="muted">
        Error code: <code data-testid="error-code">{code}</code>
      </p>
    </div>
  );
}
