import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { MockState } from '../shared/contract.ts';
import type { PageHandler } from './app.ts';
import { MissingBuildError } from './errors.ts';
import { renderHostPage } from './host-page.ts';

/** The state the page is rendered with, read per request. */
export type Snapshot = () => MockState;

const PAGE_PATHS = new Set(['/', '/index.html']);

function isPageRequest(req: IncomingMessage): boolean {
  return PAGE_PATHS.has(new URL(req.url ?? '/', 'http://host').pathname);
}

function sendPage(req: IncomingMessage, res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    // It carries the state of the moment: never reuse it.
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

/** Production: the built host page from dist/public, rendered per request with the state. */
export async function staticPage(
  snapshot: Snapshot,
  root = fileURLToPath(new URL('../public', import.meta.url)),
): Promise<PageHandler> {
  const { default: sirv } = await import('sirv');
  if (!existsSync(root)) {
    throw new MissingBuildError(
      `mock-host: no built host page at ${root}. Run \`pnpm build\` first, or \`pnpm dev\` to serve it from source.`,
    );
  }
  const template = await readFile(`${root}/index.html`, 'utf8');
  const serve = sirv(root, { etag: true, single: false });
  return async (req, res) => {
    if (isPageRequest(req)) {
      sendPage(req, res, renderHostPage(template, snapshot()));
      return true;
    }
    return new Promise((resolve) => serve(req, res, () => resolve(false)));
  };
}

/** Development: Vite serves the host page with hot reload, over the mock's own server. */
export async function vitePage(
  server: Server,
  snapshot: Snapshot,
): Promise<{ page: PageHandler; close: () => Promise<void> }> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    // In middleware mode Vite would otherwise open its own socket on every interface (:24678);
    // on the mock's server it is reachable only where the mock is: loopback.
    server: { middlewareMode: true, ws: { server } },
    appType: 'custom',
  });
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const page: PageHandler = async (req, res) => {
    if (isPageRequest(req)) {
      const source = await readFile(`${root}/index.html`, 'utf8');
      const html = await vite.transformIndexHtml(req.url ?? '/', source);
      sendPage(req, res, renderHostPage(html, snapshot()));
      return true;
    }
    return new Promise((resolve) => {
      vite.middlewares(req, res, () => resolve(false));
      res.once('finish', () => resolve(true));
    });
  };
  return { page, close: () => vite.close() };
}
