/** Server settings; the defaults make `pnpm dev` work against the local mock platform. */
export const env = {
  jwksUrl: process.env.INTANDEM_JWKS_URL ?? 'http://localhost:4000/v3/apps/.well-known/jwks.json',
  appCodeName: process.env.INTANDEM_APP_CODE_NAME ?? 'demo-app',
  issuer: process.env.INTANDEM_ISSUER ?? 'intandem',
  corsAllowedOrigins: (process.env.CORS_ALLOWED_ORIGINS ?? 'http://127.0.0.1:5173')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
};
