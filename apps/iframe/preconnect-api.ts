import type { Plugin } from 'vite';

/**
 * `<link rel="preconnect">` to the partner API, so the connection (TCP, and TLS in production)
 * is open by the time the first request, `GET /api/me` and its CORS preflight, goes out.
 * `crossorigin` because those requests carry no credentials: the browser keeps such connections
 * apart from credentialed ones, and a preconnect without it would open the wrong one.
 */
export function preconnectApi(apiUrl: string): Plugin {
  const origin = new URL(apiUrl).origin;
  return {
    name: 'preconnect-api',
    transformIndexHtml: () => [
      {
        tag: 'link',
        attrs: { rel: 'preconnect', href: origin, crossorigin: true },
        injectTo: 'head',
      },
    ],
  };
}
