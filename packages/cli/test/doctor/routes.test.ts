import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES_DIR } from '../../src/api-package.ts';
import { exportedMethods, listApiRoutes } from '../../src/doctor/routes.ts';

const ID = '00000000-0000-0000-0000-000000000000';

describe('exportedMethods', () => {
  it('reads the route helper form: the methods declared in route({ … }), of those exported', () => {
    expect(
      exportedMethods(`
        export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
          GET: tenantMethod({}, async () => ({})),
          POST: tenantMethod({ body }, async () => ({})),
        });`),
    ).toEqual(['GET', 'POST', 'OPTIONS']);
    expect(
      exportedMethods(
        'export const {\n  DELETE,\n  OPTIONS: preflight2 ,\n} = route({ DELETE: x })',
      ),
    ).toEqual(['DELETE']);
    expect(
      exportedMethods('export const { handlers: get, GET: PATCH } = route({ PATCH: x })'),
    ).toEqual(['PATCH']);
  });

  it('reads export const, export function, export async function and export lists', () => {
    expect(
      exportedMethods(`
        export const GET = withCors(handler);
        export let PUT = other;
        export async function POST(request: Request) {}
        export function DELETE() {}
        export const dynamic = 'force-dynamic';
        export { preflight as OPTIONS, notFound as PATCH };
        export { HEAD } from './head.ts';`),
    ).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
  });

  it('ignores comments, type-only exports and names that are no method', () => {
    expect(
      exportedMethods(`
        // export const POST = old;
        /* export function DELETE() {} */
        export type { PUT } from './types.ts';
        export const GETTER = 1;
        export const GET = handler; // the only one`),
    ).toEqual(['GET']);
  });
});

describe('listApiRoutes', () => {
  let dir: string;
  const files: Record<string, string> = {
    'me/route.ts': 'export const GET = a;\nexport const OPTIONS = preflight;',
    'items/route.ts': 'export const { GET, POST, DELETE, OPTIONS } = route({ GET: a, POST: b });',
    'items/[id]/route.ts': 'export const { GET, DELETE, OPTIONS } = route({ DELETE: a });',
    '(probes)/health/route.ts': 'export function GET() {}',
    '[...path]/route.ts': 'export { notFound as GET };',
    'docs/[[...slug]]/route.ts': 'export const GET = a;',
    '_internal/route.ts': 'export const GET = a;',
    'items/[id]/helpers.ts': 'export const GET = a;',
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doctor-routes-'));
    for (const [name, source] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), source);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('turns each route file into a path, placeholders for dynamic segments, catch-alls skipped', async () => {
    const { routes, skipped } = await listApiRoutes(dir);
    const file = (name: string) => relative(process.cwd(), join(dir, name));
    expect(routes).toEqual([
      { file: file('(probes)/health/route.ts'), path: '/api/health', methods: ['GET'] },
      {
        file: file('items/[id]/route.ts'),
        path: `/api/items/${ID}`,
        methods: ['DELETE', 'OPTIONS'],
      },
      { file: file('items/route.ts'), path: '/api/items', methods: ['GET', 'POST', 'OPTIONS'] },
      { file: file('me/route.ts'), path: '/api/me', methods: ['GET', 'OPTIONS'] },
    ]);
    expect(skipped).toEqual([file('[...path]/route.ts'), file('docs/[[...slug]]/route.ts')]);
  });

  it("finds the API's own routes through the workspace package", async () => {
    const { routes, skipped } = await listApiRoutes(API_ROUTES_DIR);
    expect(routes).toContainEqual(
      expect.objectContaining({ path: '/api/me', methods: expect.arrayContaining(['GET']) }),
    );
    expect(routes.map((route) => route.path)).toContain(`/api/staff/${ID}`);
    expect(skipped).toEqual([
      expect.stringMatching(/apps\/api\/src\/app\/api\/\[\[\.\.\.path\]\]\/route\.ts$/),
    ]);
  });
});
