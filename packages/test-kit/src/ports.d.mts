/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number>;

/** `http://127.0.0.1:<port><path>` where nothing listens (a port just freed). */
export function refusedUrl(path?: string): Promise<string>;

export interface PortVariable {
  name: 'API_PORT' | 'HOST_PORT' | 'APP_PORT';
  fallback: number;
}

export const PORT_VARIABLES: {
  readonly api: PortVariable;
  readonly host: PortVariable;
  readonly app: PortVariable;
};

export interface LocalApps {
  ports: { api: number; host: number; app: number };
  origins: {
    /** The mock platform, `http://localhost:<HOST_PORT>`. */
    host: string;
    /** The API, `http://127.0.0.1:<API_PORT>`. */
    api: string;
    /** The iframe app, `http://127.0.0.1:<APP_PORT>`. */
    app: string;
  };
  /** The mock platform's JWKS, which the API trusts. */
  jwksUrl: string;
  /** What each app's own scripts read so that the three find each other. */
  env: {
    'mock-host': { PORT: string; APP_URL: string };
    api: { PORT: string; INTANDEM_JWKS_URL: string; CORS_ALLOWED_ORIGINS: string };
    iframe: { PORT: string; VITE_API_URL: string; VITE_HOST_ORIGINS: string };
  };
}

/**
 * Where the three local apps listen, from `API_PORT`, `HOST_PORT` and `APP_PORT` (defaults 3000,
 * 4000, 5173), and the settings that follow from that. `PORT` is not read: each app gets its own.
 * Throws, naming each variable, on a value that is not a port or on two apps sharing one.
 */
export function localApps(env?: Record<string, string | undefined>): LocalApps;
