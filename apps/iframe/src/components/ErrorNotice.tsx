import type { SDK_ERROR_CODES } from '@intandem/sdk';
import type { HOST_ERROR_CODES } from '@intandem/sdk/protocol';
import type { ApiErrorCode, AuthErrorCode } from '@partner/api/contract';
import type { CLIENT_ERROR_CODES } from '@partner/auth/client';
import { ApiError } from '@partner/auth/client';

type ValueOf<T> = T[keyof T];

/** Every code the app can meet: the API's, authentication's, the SDK's, the host's and the client's. */
type ErrorCode =
  | ApiErrorCode
  | AuthErrorCode
  | ValueOf<typeof SDK_ERROR_CODES>
  | ValueOf<typeof HOST_ERROR_CODES>
  | ValueOf<typeof CLIENT_ERROR_CODES>;

/** Codes whose own message is what a person should read (the API's catalogue sentences, the SDK's). */
type ExplainedByMessage =
  | 'invalid_body'
  | 'invalid_query'
  | 'invalid_claims'
  | 'no_business'
  | 'not_author'
  | 'not_found'
  | 'method_not_allowed'
  | 'body_timeout'
  | 'limit_reached'
  | 'body_too_large'
  | 'internal_error'
  | 'db_unavailable'
  | 'invalid_request'
  | 'malformed_token'
  | 'missing_kid'
  | 'token_not_yet_valid'
  | 'token_too_old'
  | 'token_lifetime_too_long'
  | 'invalid_issuer'
  | 'invalid_subject'
  | 'subject_mismatch'
  | 'token_revoked'
  | 'revocation_unavailable'
  | 'not_embedded'
  | 'timeout'
  | 'origin_rejected'
  | 'not_initialized'
  | 'invalid_options'
  | 'invalid_reply'
  | 'invalid_argument'
  | 'widget_mismatch'
  | 'http_error'
  | 'invalid_response'
  | 'network_error'
  | 'invalid_auth_result';

/** What a person should read instead of the message, for the codes not in {@link ExplainedByMessage}. */
const EXPLANATIONS = {
  missing_token: 'No token was sent.',
  unsupported_algorithm: 'The token uses an algorithm this app does not accept.',
  unknown_key: 'The token was signed with a key the platform does not publish.',
  invalid_signature: 'The token signature does not match the platform keys.',
  token_expired: 'Your session token has expired.',
  invalid_audience: 'The token was issued for another app.',
  jwks_unavailable: 'The platform keys could not be fetched. Try again shortly.',
  rate_limited: 'Too many token requests. Wait a moment and reload.',
};

// Every code is decided, at no cost to the bundle: one missing from both lists fails the typecheck.
EXPLANATIONS satisfies Record<Exclude<ErrorCode, ExplainedByMessage>, string>;

function explain(code: string): string | undefined {
  return Object.hasOwn(EXPLANATIONS, code)
    ? EXPLANATIONS[code as keyof typeof EXPLANATIONS]
    : undefined;
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
