/**
 * `db:generate` as a partner runs it for a new table: a named migration, and files that pass
 * the repository's lint as written. It runs in a copy of the API's schema and migrations, so the
 * real ones are never touched.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(API, 'node_modules', '.bin');
const SCRIPT = path.join(API, 'scripts', 'db-generate.mjs');

/** Runs `command` in `cwd` with the API's tools on PATH, as `pnpm run` does. */
function run(cwd: string, command: string, args: string[]) {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}` },
  });
}

describe('db:generate', () => {
  // Inside the repository (not git-ignored), so the formatter and linter apply its settings.
  const project = path.join(API, 'test', 'db', `generate-${randomBytes(4).toString('hex')}`);
  const journal = () =>
    JSON.parse(readFileSync(path.join(project, 'drizzle', 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };

  beforeAll(() => {
    mkdirSync(path.join(project, 'src', 'db'), { recursive: true });
    cpSync(path.join(API, 'drizzle'), path.join(project, 'drizzle'), { recursive: true });
    cpSync(path.join(API, 'drizzle.config.ts'), path.join(project, 'drizzle.config.ts'));
    for (const file of ['schema.ts', 'tenant-table.ts']) {
      cpSync(path.join(API, 'src', 'db', file), path.join(project, 'src', 'db', file));
    }
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('refuses to run without a name, saying how to give one', () => {
    const result = run(project, process.execPath, [SCRIPT]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('db:generate --name reminders');
    expect(readdirSync(path.join(project, 'drizzle'))).toEqual(
      readdirSync(path.join(API, 'drizzle')),
    );
  });

  it('writes the named migration of a new tenant table, lint-clean as written', () => {
    const before = journal().entries.length;
    const schema = path.join(project, 'src', 'db', 'schema.ts');
    writeFileSync(
      schema,
      // Imports of its own, under names the schema does not use: it may hold none yet.
      `${readFileSync(schema, 'utf8')}
import { timestamp as dueTimestamp, uuid as reminderUuid } from 'drizzle-orm/pg-core';
import { tenantTable as reminderTable } from './tenant-table.ts';

export const reminders = reminderTable(
  'reminders',
  { id: reminderUuid('id').primaryKey().defaultRandom(), dueAt: dueTimestamp('due_at').notNull() },
  { commands: ['select', 'insert'] },
);
`,
    );
    const result = run(project, process.execPath, [SCRIPT, '--name', 'reminders']);
    expect(result.status, result.stderr).toBe(0);

    const tag = `${String(before).padStart(4, '0')}_reminders`;
    expect(
      journal()
        .entries.map((entry) => entry.tag)
        .at(-1),
    ).toBe(tag);
    const migration = readFileSync(path.join(project, 'drizzle', `${tag}.sql`), 'utf8');
    expect(migration).toContain(`CHECK ("reminders"."business_uid" <> '')`);
    expect(migration).toContain('ALTER TABLE "reminders" ENABLE ROW LEVEL SECURITY');
    expect(migration).toMatch(/CREATE POLICY "reminders_select" .* FOR SELECT TO public USING/);
    expect(migration).toMatch(/CREATE POLICY "reminders_insert" .* FOR INSERT TO public WITH/);

    const lint = run(project, 'biome', ['check', 'drizzle']);
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
  });
});
