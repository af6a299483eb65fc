import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { PageHandler } from './app.ts';
import { MissingBuildError } from './errors.ts';

/** Production: the built host page from dist/public. */
export async function staticPage(): Promise<PageHandler> {
  const { default: sirv } = await import('sirv');
  const root = fileURLToPath(new URL('../public', import.meta.url));
  if (!existsSync(root)) {
    throw new MissingBuildError(
      `mock-host: no built host page at ${root}. Run \`pnpm build\` first, or \`pnpm dev\` to serve it from source.`,
    );
  }
  const serve = sirv(root, { etag: true, single: false });
  return (req, res) => new Promise((resolve) => serve(req, res, () => resolve(false)));
}

/** Development: Vite serves the host page with hot reload, over the mock's own server. */
export async function vitePage(
  server: Server,
): Promise<{ page: PageHandler; close: () => Promise<void> }> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    // In middleware mode Vite would otherwise open its own socket on every interface (:24678);
    // on the mock's server it is reachable only where the mock is: loopback.
    server: { middlewareMode: true, ws: { server } },
    appType: 'spa',
  });
  const page: PageHandler = (req, res) =>
    new Promise((resolve) => {
      vite.middlewares(req, res, () => resolve(false));
      res.once('finish', () => resolve(true));
    });
  return { page, close: () => vite.close() };
}
