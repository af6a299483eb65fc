/**
 * `tenant_probes`: a tenant table that exists only in tests. The platform's database proofs
 * (isolation, the schema guard, access checks, the runtime user) run on it rather than on the
 * demo's notes, so they keep proving the same guarantees once `pnpm remove-demo` has run and
 * the app's own schema holds no table yet. Its migration is generated from this declaration, as
 * `db:generate` would write it, and appended to a copy of the app's migrations
 * (`support/databases.ts`).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { text, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from '../../../src/db/tenant-table.ts';

export const tenantProbes = tenantTable(
  'tenant_probes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUid: text('owner_uid').notNull(),
    text: text('text').notNull(),
  },
  // As a typical feature table: business-wide reads, owned writes, no UPDATE at all.
  { commands: ['select', 'insert', 'delete'], owner: 'ownerUid' },
);

interface Journal {
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

/**
 * A temporary copy of `appMigrations` with the probe table's migration appended, removed when
 * the process exits. Its journal is the app's plus one entry, dated after the app's last.
 */
export async function migrationsWithProbes(appMigrations: string): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'migrations-probes-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  cpSync(appMigrations, folder, { recursive: true });
  const statements = await generateMigration(
    generateDrizzleJson({}),
    generateDrizzleJson({ tenantProbes }),
  );
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
  const idx = journal.entries.length;
  const tag = `${String(idx).padStart(4, '0')}_tenant_probes`;
  writeFileSync(path.join(folder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
  const when = (journal.entries.at(-1)?.when ?? 0) + 1;
  journal.entries.push({ idx, version: '7', when, tag, breakpoints: true });
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  return folder;
}
