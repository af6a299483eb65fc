import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderHostPage } from '../../src/server/host-page.ts';
import { staticPage } from '../../src/server/page.ts';
import type { MockState } from '../../src/shared/contract.ts';

const TEMPLATE = `<!doctype html><iframe id="app" src="%MOCK_APP_URL%"></iframe>
<script type="application/json" id="mock-state">"%MOCK_STATE%"</script>`;

function state(overrides: Partial<MockState> = {}): MockState {
  return { appUrl: 'http://127.0.0.1:5173/', appCodeName: 'demo-app', ...overrides } as MockState;
}

/** What a browser would read back: the frame's src and the inlined JSON. */
function read(html: string) {
  const src = /<iframe id="app" src="([^"]*)"/.exec(html)?.[1];
  const json = /<script type="application\/json" id="mock-state">(.*)<\/script>/s.exec(html)?.[1];
  return { src, state: JSON.parse(json ?? 'null') as MockState };
}

describe('renderHostPage', () => {
  it('points the frame at the app and inlines the state', () => {
    const html = renderHostPage(TEMPLATE, state());
    expect(read(html)).toEqual({ src: 'http://127.0.0.1:5173/', state: state() });
  });

  it('cannot be broken out of: the attribute is escaped, the JSON cannot close its script', () => {
    const hostile = state({
      appUrl: 'http://127.0.0.1:5173/?a="><script>x()</script>',
      appCodeName: '</script><script>alert(1)</script>$&$1',
    });
    const html = renderHostPage(TEMPLATE, hostile);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('src="http://127.0.0.1:5173/?a=&quot;&gt;&lt;script&gt;');
    expect(read(html).state.appCodeName).toBe(hostile.appCodeName);
  });

  it('refuses markup without its slots', () => {
    expect(() => renderHostPage('<iframe></iframe>', state())).toThrow('%MOCK_APP_URL%');
  });
});

describe('staticPage', () => {
  let root: string | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('renders the page per request with the state of the moment, and serves the assets', async () => {
    root = await mkdtemp(join(tmpdir(), 'host-page-'));
    await writeFile(join(root, 'index.html'), TEMPLATE);
    await writeFile(join(root, 'app.js'), 'console.log(1);');
    let current = state();
    const page = await staticPage(() => current, root);
    server = createServer((req, res) => {
      void page(req, res).then((served) => {
        if (!served) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const first = await fetch(`${base}/`);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(read(await first.text()).state.appCodeName).toBe('demo-app');
    current = state({ appCodeName: 'other-app' });
    expect(read(await (await fetch(`${base}/index.html`)).text()).state.appCodeName).toBe(
      'other-app',
    );
    expect(await (await fetch(`${base}/app.js`)).text()).toBe('console.log(1);');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
  });
});
