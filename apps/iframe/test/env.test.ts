import { beforeEach, describe, expect, it, vi } from 'vitest';

/** src/env.ts reads import.meta.env once, when it is first imported. */
async function loadEnv() {
  vi.resetModules();
  const { env } = await import('../src/env.ts');
  return env;
}

beforeEach(() => {
  vi.stubEnv('VITE_API_URL', undefined);
  vi.stubEnv('VITE_HOST_ORIGINS', undefined);
  vi.stubEnv('VITE_WIDGET_UID', undefined);
});

describe('env', () => {
  it('falls back to the local mock platform', async () => {
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
