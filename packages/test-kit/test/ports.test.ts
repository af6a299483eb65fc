import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, localApps, refusedUrl } from '../src/ports.mjs';

describe('freePort', () => {
  it('names a port that can be listened on at once', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});

describe('refusedUrl', () => {
  it('is a URL where the connection is refused', async () => {
    const url = await refusedUrl('/jwks.json');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jwks\.json$/);
    const error = await fetch(url).catch((caught: { cause?: { code?: string } }) => caught);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});

describe('localApps', () => {
  it('defaults to the ports pnpm dev has always used', () => {
    expect(localApps({})).toMatchObject({
      ports: { api: 3000, host: 4000, app: 5173 },
      origins: {
        host: 'http://localhost:4000',
        api: 'http://127.0.0.1:3000',
        app: 'http://127.0.0.1:5173',
      },
      jwksUrl: 'http://localhost:4000/v3/apps/.well-known/jwks.json',
    });
  });

  it('gives each app its own port and the addresses of the other two', () => {
    const apps = localApps({ API_PORT: '3100', HOST_PORT: '4100', APP_PORT: '5273', PORT: '8080' });
    expect(apps.env).toEqual({
      'mock-host': { PORT: '4100', APP_URL: 'http://127.0.0.1:5273' },
      api: {
        PORT: '3100',
        INTANDEM_JWKS_URL: 'http://localhost:4100/v3/apps/.well-known/jwks.json',
        CORS_ALLOWED_ORIGINS: 'http://127.0.0.1:5273',
      },
      iframe: {
        PORT: '5273',
        VITE_API_URL: 'http://127.0.0.1:3100',
        VITE_HOST_ORIGINS: 'http://localhost:4100',
      },
    });
  });

  it('refuses what is not a port, and two apps on one port, naming the variables', () => {
    expect(() => localApps({ API_PORT: '3000x', APP_PORT: '70000' })).toThrow(
      /API_PORT must be a port from 1 to 65535, got "3000x"\.\nAPP_PORT must be a port/,
    );
    expect(() => localApps({ HOST_PORT: '3000' })).toThrow(
      /API_PORT, HOST_PORT and APP_PORT must differ/,
    );
  });
});
