/** Migration folders for tests: a copy of the committed one, and a migration to add to it. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS } from './databases.ts';

/** A copy of the committed migrations, to add one to. */
export function copyOfMigrations(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  return folder;
}

/** Adds a migration creating a tenant table `reminders`, as db:generate would write it. */
export function addRemindersMigration(folder: string): string {
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const idx = journal.entries.length;
  const tag = `${String(idx).padStart(4, '0')}_reminders`;
  writeFileSync(
    path.join(folder, `${tag}.sql`),
    [
      `CREATE TABLE "reminders" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL, "text" text NOT NULL, "business_uid" text NOT NULL, CONSTRAINT "reminders_business_uid_not_empty" CHECK ("reminders"."business_uid" <> ''));`,
      'ALTER TABLE "reminders" ENABLE ROW LEVEL SECURITY;',
      `CREATE POLICY "reminders_select" ON "reminders" AS PERMISSIVE FOR SELECT TO public USING ("reminders"."business_uid" = nullif(current_setting('app.business_uid', true), ''));`,
      `CREATE POLICY "reminders_insert" ON "reminders" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("reminders"."business_uid" = nullif(current_setting('app.business_uid', true), ''));`,
    ].join('\n--> statement-breakpoint\n'),
  );
  const last = journal.entries.at(-1)?.when ?? 0;
  journal.entries.push({ idx, version: '7', when: last + 1, tag, breakpoints: true });
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  return tag;
}
