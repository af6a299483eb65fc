/**
 * Server settings, read once at start-up. The defaults make `pnpm dev` work against the local
 * mock platform with no `.env` file; a bad value fails the start with a message naming it.
 */
export const env = {
  jwksUrl: url('INTANDEM_JWKS_URL', 'http://localhost:4000/v3/apps/.well-known/jwks.json'),
  appCodeName: text('INTANDEM_APP_CODE_NAME', 'demo-app'),
  issuer: text('INTANDEM_ISSUER', 'intandem'),
  corsAllowedOrigins: list('CORS_ALLOWED_ORIGINS', 'http://127.0.0.1:5173').map(
    (origin) => new URL(origin).origin,
  ),
  /** Optional verifier tuning; unset keeps the verifier's documented defaults. */
  jwksCooldownMs: optionalInt('INTANDEM_JWKS_COOLDOWN_MS'),
  jwksCacheMaxAgeMs: optionalInt('INTANDEM_JWKS_CACHE_MAX_AGE_MS'),
};

function text(name: string, fallback: string): string {
  const value = process.env[name]?.trim();
  return value ? value : fallback;
}

function url(name: string, fallback: string): string {
  const value = text(name, fallback);
  if (!URL.canParse(value)) throw new Error(`${name} must be an absolute URL, got "${value}".`);
  return value;
}

function list(name: string, fallback: string): string[] {
  return text(name, fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function optionalInt(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number of milliseconds, got "${raw}".`);
  }
  return value;
}
