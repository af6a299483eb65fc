import { describe, expect, it, vi } from 'vitest';
import { DEV_DEFAULTS } from '../config/env.ts';

/** src/env.ts reads import.meta.env once, when it is first imported. */
async function loadEnv() {
  vi.resetModules();
  const { env } = await import('../src/env.ts');
  return env;
}

describe('env', () => {
  it('reads what vite.config.ts sets: outside a production build, the local mock platform', async () => {
    vi.stubEnv('VITE_API_URL', DEV_DEFAULTS.VITE_API_URL);
    expect(await loadEnv()).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      hostOrigins: ['http://localhost:4000'],
      widgetUid: 'demo-widget',
    });
  });

  it('takes the build-time settings', async () => {
    vi.stubEnv('VITE_API_URL', 'https://api.partner.example');
    vi.stubEnv('VITE_WIDGET_UID', 'widget-9');
    const env = await loadEnv();
    expect(env.apiUrl).toBe('https://api.partner.example');
    expect(env.widgetUid).toBe('widget-9');
  });

  it('splits the host origins on commas and drops blanks', async () => {
    vi.stubEnv('VITE_HOST_ORIGINS', ' https://app.intandem.example , ,http://localhost:4000,');
    expect((await loadEnv()).hostOrigins).toEqual([
      'https://app.intandem.example',
      'http://localhost:4000',
    ]);
  });
});
