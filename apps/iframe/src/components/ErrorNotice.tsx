import { ApiError } from '@partner/auth/client';

/** What a person should read for each error code the API and SDK can return. */
const EXPLANATIONS: Record<string, string> = {
  token_expired: 'Your session token has expired.',
  invalid_audience: 'The token was issued for another app.',
  invalid_signature: 'The token signature does not match the platform keys.',
  unknown_key: 'The token was signed with a key the platform does not publish.',
  unsupported_algorithm: 'The token uses an algorithm this app does not accept.',
  jwks_unavailable: 'The platform keys could not be fetched. Try again shortly.',
  rate_limited: 'Too many token requests. Wait a moment and reload.',
  missing_token: 'No token was sent.',
};

export function ErrorNotice({ error, title }: { error: Error; title: string }) {
  const code = error instanceof ApiError || 'code' in error ? String(error.code) : 'error';
  return (
    <div className="notice" role="alert">
      <strong>{title}</strong>
      <p>{EXPLANATIONS[code] ?? error.message}</p>
      <p className="muted">
        Error code: <code data-testid="error-code">{code}</code>
      </p>
    </div>
  );
}
