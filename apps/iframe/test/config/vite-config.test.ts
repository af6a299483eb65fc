import type { UserConfig } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import viteConfig from '../../vite.config.ts';

/** vite.config.ts for one command and mode, with exactly these VITE_* variables set. */
function resolve(command: 'build' | 'serve', mode: string, vars: Record<string, string>) {
  for (const name of ['VITE_API_URL', 'VITE_HOST_ORIGINS', 'VITE_WIDGET_UID']) {
    vi.stubEnv(name, vars[name] ?? '');
  }
  if (typeof viteConfig !== 'function') throw new Error('vite.config.ts exports a function');
  return viteConfig({ command, mode, isSsrBuild: false, isPreview: false }) as UserConfig;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('vite.config.ts', () => {
  it('fails a production build without its settings, naming each', () => {
    expect(() => resolve('build', 'production', {})).toThrow(
      /VITE_API_URL is required[\s\S]*VITE_HOST_ORIGINS is required[\s\S]*VITE_WIDGET_UID is required/,
    );
  });

  it('inlines the validated values into the build and frames it for the host origins', () => {
    const config = resolve('build', 'production', {
      VITE_API_URL: 'https://api.partner.example/',
      VITE_HOST_ORIGINS: 'https://app.intandem.example, https://b.example',
      VITE_WIDGET_UID: 'widget-9',
    });
    expect(config.define).toEqual({
      'import.meta.env.VITE_API_URL': '"https://api.partner.example"',
      'import.meta.env.VITE_HOST_ORIGINS': '"https://app.intandem.example,https://b.example"',
      'import.meta.env.VITE_WIDGET_UID': '"widget-9"',
    });
    expect(config.preview?.headers?.['Content-Security-Policy']).toBe(
      'frame-ancestors https://app.intandem.example https://b.example',
    );
  });

  it('gives the dev server the local mock platform', () => {
    const config = resolve('serve', 'development', {});
    expect(config.define?.['import.meta.env.VITE_API_URL']).toBe('"http://127.0.0.1:3000"');
    expect(config.server?.headers?.['Content-Security-Policy']).toBe(
      'frame-ancestors http://localhost:4000',
    );
  });
});
