/**
 * Build-time settings, inlined by Vite. `vite.config.ts` validates them (config/env.ts) and
 * always sets all three: a production build only from given values, the dev server and the
 * tests (vitest.config.ts) from the local mock platform's defaults.
 */
export const env = {
  apiUrl: import.meta.env.VITE_API_URL as string,
  hostOrigins: (import.meta.env.VITE_HOST_ORIGINS as string)
    .split(',')
    .map((origin: string) => origin.trim())
    .filter(Boolean),
  widgetUid: import.meta.env.VITE_WIDGET_UID as string,
};
