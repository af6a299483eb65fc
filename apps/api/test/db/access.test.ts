/**
 * The start-up refusal: a server does not serve a database whose tenant role, CONNECT grant or
 * table privileges would let a statement escape its tenant, and says what is wrong. Each case
 * breaks one thing in a migrated database and puts it back.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantAccessProblems } from '../../src/db/access.ts';
import type { Database } from '../../src/db/client.ts';
import { TenantAccessError } from '../../src/db/errors.ts';
import { type MigrateMode, prepareDatabase } from '../../src/db/migrate.ts';
import { closeAll, engines, MIGRATIONS, tenantRoleIdentifier } from './support/databases.ts';

afterAll(closeAll);

describe.each(engines)('tenant access checks on $name', (engine) => {
  let database: Database;
  let role: string;
  const run = (statement: string) => database.db.execute(sql.raw(statement));
  const prepare = (mode: MigrateMode) =>
    prepareDatabase(database, { mode, migrationsFolder: MIGRATIONS });

  /** The refusal `prepare(mode)` ends with, as a TenantAccessError. */
  async function refusal(mode: MigrateMode): Promise<TenantAccessError> {
    const error = await prepare(mode).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(TenantAccessError);
    expect(error).toMatchObject({ code: 'tenant_access_unsafe' });
    return error as TenantAccessError;
  }

  beforeAll(async () => {
    database = await engine.open();
    role = await tenantRoleIdentifier(database);
  });

  it('finds nothing wrong in a migrated database, in either mode', async () => {
    expect(await tenantAccessProblems(database.db)).toEqual([]);
    await prepare('apply');
    await prepare('check');
  });

  it.each([
    ['bypassrls', 'nobypassrls', /bypasses row-level security \(BYPASSRLS\)/],
    ['superuser', 'nosuperuser', /is a superuser \(SUPERUSER\)/],
    ['login', 'nologin', /can log in \(LOGIN\)/],
    ['createrole', 'nocreaterole', /may create and grant roles \(CREATEROLE\)/],
  ])('refuses a tenant role altered to %s, in either mode', async (bad, good, message) => {
    await run(`alter role ${role} ${bad}`);
    try {
      for (const mode of ['apply', 'check'] as const) {
        const { problems, message: text } = await refusal(mode);
        expect(problems).toEqual([expect.stringMatching(message)]);
        expect(text).toContain(role.replaceAll('"', ''));
      }
    } finally {
      await run(`alter role ${role} ${good}`);
    }
    expect(await tenantAccessProblems(database.db)).toEqual([]);
  });

  it('refuses a tenant role that owns an object', async () => {
    await run('create table owned_probe (id int)');
    await run(`alter table owned_probe owner to ${role}`);
    try {
      expect((await refusal('check')).problems).toEqual([
        expect.stringMatching(/owns 1 object\(s\)/),
      ]);
    } finally {
      await run('drop table owned_probe');
    }
  });

  it('refuses a tenant role granted to another role, naming it', async () => {
    const intruder = `intruder_${randomBytes(4).toString('hex')}`;
    await run(`create role ${intruder} nologin`);
    await run(`grant ${role} to ${intruder}`);
    try {
      for (const mode of ['apply', 'check'] as const) {
        expect((await refusal(mode)).problems).toEqual([
          expect.stringMatching(new RegExp(`is granted to ${intruder}, which may then act`)),
        ]);
      }
    } finally {
      await run(`drop role ${intruder}`);
    }
  });

  it('refuses a tenant role that is a member of another role', async () => {
    await run(`grant pg_read_all_data to ${role}`);
    try {
      expect((await refusal('check')).problems).toEqual([
        expect.stringMatching(/is a member of pg_read_all_data/),
      ]);
    } finally {
      await run(`revoke pg_read_all_data from ${role}`);
    }
  });

  it('refuses, in check mode, a database every role may connect to; the migrator revokes it', async () => {
    await run(
      "do $$ begin execute format('grant connect on database %I to public', current_database()); end $$",
    );
    expect((await refusal('check')).problems).toEqual([
      expect.stringMatching(/CONNECT is granted to PUBLIC/),
    ]);
    await prepare('apply');
    expect(await tenantAccessProblems(database.db)).toEqual([]);
  });

  it('refuses, in check mode, a GRANT no policy covers and unforced RLS; the migrator repairs both', async () => {
    await run(`grant update, truncate on tenant_probes to ${role}`);
    await run('alter table tenant_probes no force row level security');
    expect((await refusal('check')).problems).toEqual([
      'table public.tenant_probes: row-level security is not forced, so its owner bypasses it.',
      expect.stringMatching(/holds TRUNCATE, UPDATE that no policy covers/),
    ]);
    await prepare('apply');
    expect(await tenantAccessProblems(database.db)).toEqual([]);
  });

  it('refuses, in check mode, a column privilege; the migrator revokes it', async () => {
    await run(`grant update (text) on tenant_probes to ${role}`);
    expect((await refusal('check')).problems).toEqual([
      expect.stringMatching(/holds column privileges on text/),
    ]);
    await prepare('apply');
    expect(await tenantAccessProblems(database.db)).toEqual([]);
  });

  it('refuses, in check mode, a policy whose GRANT is missing; the migrator grants it', async () => {
    await run(`revoke delete on tenant_probes from ${role}`);
    expect((await refusal('check')).problems).toEqual([
      expect.stringMatching(/policies allow DELETE but the tenant role .* lacks it/),
    ]);
    await prepare('apply');
    expect(await tenantAccessProblems(database.db)).toEqual([]);
  });
});
