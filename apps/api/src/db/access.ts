/**
 * Who may reach this database's rows. The migrator applies it after every run (`grantTenantAccess`)
 * and every start checks it (`tenantAccessProblems`), on PGlite and on a server alike:
 *
 * - the **tenant role**, which every tenant transaction switches to, belongs to this database:
 *   its name derives from the database's (`<database>_tenant`), so other databases on the
 *   server (a staging copy, another app made from this starter) have roles of their own;
 * - it logs in as nobody, owns nothing, bypasses nothing, is a member of no role, and is
 *   granted only to the migration user and the runtime user;
 * - no role connects to this database unless granted CONNECT (not PUBLIC);
 * - every table with row-level security has it forced (the owner obeys it too), and the tenant
 *   role holds exactly the privileges its policies cover: a GRANT without a policy would let it
 *   run a statement no policy scopes (TRUNCATE, UPDATE …), a policy without a GRANT is a
 *   "permission denied" on the first request.
 *
 * Policies are `TO public`: they cannot name a role whose name depends on the database, and the
 * GRANTs decide who may run a statement at all.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Drizzle's bookkeeping, read by the start-up check of a least-privilege runtime user. */
export const MIGRATIONS_SCHEMA = 'drizzle';
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * The tenant role of the database named by `database` (a text expression): `<database>_tenant`,
 * or for a name too long for that within PostgreSQL's 63 bytes, its lower-case letters, digits
 * and `_` cut to 20, an md5 of the whole name, and `_tenant`. Computed by the server, so the
 * migrator, every tenant transaction and the tests agree on it.
 */
export function tenantRoleOf(database: SQL): SQL {
  return sql`(select case when octet_length(d.name) <= 56 then d.name || '_tenant'
    else left(regexp_replace(lower(d.name), '[^a-z0-9_]', '', 'g'), 20) || '_' ||
      left(md5(d.name), 12) || '_tenant' end
    from (select (${database})::text as name) as d)`;
}

/** This database's tenant role. */
export const TENANT_ROLE = tenantRoleOf(sql`current_database()`);

/** Rows of a raw statement, whichever driver answered. */
function rowsOf<T>(result: unknown): T[] {
  const { rows } = result as { rows?: T[] };
  return rows ?? (result as T[]);
}

/** SQL privilege names, in a fixed order. */
const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

interface TablePlan {
  schema: string;
  table: string;
  rls_enabled: boolean;
  rls_forced: boolean;
  /** What the permissive policies that apply to the tenant role allow. */
  policy_commands: string[];
  /** What the tenant role holds on the table. */
  granted: string[];
  /** Columns on which the tenant role holds a privilege of its own. */
  column_grants: string[];
}

/**
 * Every table outside the system schemas and the migrator's bookkeeping, with its row-level
 * security flags, the commands its policies allow the tenant role and the privileges it holds.
 */
const PLAN_QUERY = sql`
  with tenant as (select oid from pg_catalog.pg_roles where rolname = ${TENANT_ROLE})
  select n.nspname as schema,
         c.relname as table,
         c.relrowsecurity as rls_enabled,
         c.relforcerowsecurity as rls_forced,
         array(
           select distinct command
           from pg_catalog.pg_policy p,
                unnest(case p.polcmd
                  when '*' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
                  when 'r' then array['SELECT'] when 'a' then array['INSERT']
                  when 'w' then array['UPDATE'] when 'd' then array['DELETE'] end) as command
           where p.polrelid = c.oid and p.polpermissive
             and (0::oid = any(p.polroles) or (select oid from tenant) = any(p.polroles))
           order by command) as policy_commands,
         array(
           select distinct a.privilege_type
           from aclexplode(c.relacl) as a
           where a.grantee = (select oid from tenant)
           order by a.privilege_type) as granted,
         array(
           select distinct att.attname::text
           from pg_catalog.pg_attribute att, aclexplode(att.attacl) as a
           where att.attrelid = c.oid and a.grantee = (select oid from tenant)
           order by 1) as column_grants
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p')
    and n.nspname not in ('pg_catalog', 'information_schema', ${MIGRATIONS_SCHEMA})
    and n.nspname not like 'pg\\_%'
  order by 1, 2`;

/** The privileges the tenant role should hold: its policies' commands, if RLS applies at all. */
function wanted(plan: TablePlan): string[] {
  if (!plan.rls_enabled) return [];
  return PRIVILEGES.filter((privilege) => plan.policy_commands.includes(privilege));
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/** A constant as an SQL string literal, for the DO block, which takes no bind parameters. */
const literal = (text: string) => sql.raw(`'${text.replaceAll("'", "''")}'`);

const qualified = (plan: TablePlan) =>
  sql`${sql.identifier(plan.schema)}.${sql.identifier(plan.table)}`;

/**
 * Creates this database's tenant role if missing, grants it to the current (migration) user,
 * takes CONNECT on the database from PUBLIC, forces row-level security on every table that
 * has it, and sets the tenant role's privileges on each table to exactly what its policies
 * allow (column privileges included: none). Idempotent, in one transaction; table privileges
 * and FORCE are touched only where they differ.
 */
export async function grantTenantAccess(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // No bind parameters in a DO block: the name is computed by the server, and quoted by %I.
    // Roles are server-wide: another process may create this one at the same moment.
    await tx.execute(sql`do $$
      declare
        role text := ${TENANT_ROLE};
      begin
        if not exists (select from pg_catalog.pg_roles where rolname = role) then
          begin
            execute format('create role %I nologin nosuperuser noinherit nocreatedb ' ||
              'nocreaterole nobypassrls noreplication', role);
          exception when duplicate_object or unique_violation then
            null;
          end;
        end if;
        if not exists (
          select from pg_catalog.pg_auth_members m
          join pg_catalog.pg_roles r on r.oid = m.roleid
          join pg_catalog.pg_roles u on u.oid = m.member
          where r.rolname = role and u.rolname = current_user
        ) then
          execute format('grant %I to %I', role, current_user);
        end if;
        execute format('revoke all on database %I from public', current_database());
        execute format('grant usage on schema %I to %I', ${literal(MIGRATIONS_SCHEMA)}, role);
        execute format('grant select on %I.%I to %I',
          ${literal(MIGRATIONS_SCHEMA)}, ${literal(MIGRATIONS_TABLE)}, role);
      end
      $$`);

    const role = sql.raw(await roleIdentifier(tx));
    const plans = rowsOf<TablePlan>(await tx.execute(PLAN_QUERY));
    for (const schema of new Set(
      plans.filter((plan) => wanted(plan).length > 0).map((p) => p.schema),
    )) {
      await tx.execute(sql`grant usage on schema ${sql.identifier(schema)} to ${role}`);
    }
    for (const plan of plans) {
      if (plan.rls_enabled && !plan.rls_forced) {
        await tx.execute(sql`alter table ${qualified(plan)} force row level security`);
      }
      if (plan.column_grants.length > 0) {
        const columns = sql.join(
          plan.column_grants.map((column) => sql.identifier(column)),
          sql`, `,
        );
        await tx.execute(sql`revoke all (${columns}) on table ${qualified(plan)} from ${role}`);
      }
      const privileges = wanted(plan);
      if (sameSet(privileges, plan.granted)) continue;
      await tx.execute(sql`revoke all on table ${qualified(plan)} from ${role}`);
      if (privileges.length > 0) {
        const list = sql.raw(privileges.join(', '));
        await tx.execute(sql`grant ${list} on table ${qualified(plan)} to ${role}`);
      }
    }
  });
}

/** The tenant role's name, quoted as an identifier by the server. */
async function roleIdentifier(db: Pick<Db, 'execute'>): Promise<string> {
  const [row] = rowsOf<{ role: string }>(
    await db.execute(sql`select quote_ident(${TENANT_ROLE}) as role`),
  );
  if (!row) throw new Error('The tenant role has no name.');
  return row.role;
}

interface RoleFacts {
  role: string;
  exists: boolean;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcanlogin: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolreplication: boolean;
  owned: number;
  members: string[];
  member_of: string[];
  user_is_member: boolean;
  /** Who may hold the tenant role: see `tenantAccessProblems`. */
  allowed_members: string[];
  current_user: string;
  public_connect: boolean;
}

const ROLE_QUERY = sql`
  with tenant as (select * from pg_catalog.pg_roles where rolname = ${TENANT_ROLE})
  select ${TENANT_ROLE} as role,
         exists (select from tenant) as exists,
         coalesce((select rolsuper from tenant), false) as rolsuper,
         coalesce((select rolbypassrls from tenant), false) as rolbypassrls,
         coalesce((select rolcanlogin from tenant), false) as rolcanlogin,
         coalesce((select rolcreaterole from tenant), false) as rolcreaterole,
         coalesce((select rolcreatedb from tenant), false) as rolcreatedb,
         coalesce((select rolreplication from tenant), false) as rolreplication,
         (select count(*)::int from pg_catalog.pg_shdepend d
          where d.refclassid = 'pg_catalog.pg_authid'::regclass
            and d.refobjid = (select oid from tenant) and d.deptype = 'o') as owned,
         array(select pg_catalog.pg_get_userbyid(m.member)::text from pg_catalog.pg_auth_members m
               where m.roleid = (select oid from tenant) order by 1) as members,
         array(select pg_catalog.pg_get_userbyid(m.roleid)::text from pg_catalog.pg_auth_members m
               where m.member = (select oid from tenant) order by 1) as member_of,
         exists (select from pg_catalog.pg_auth_members m
                 where m.roleid = (select oid from tenant)
                   and m.member = (select oid from pg_catalog.pg_roles where rolname = current_user))
           as user_is_member,
         array(
           select current_user::text
           union select pg_catalog.pg_get_userbyid(c.relowner)::text from pg_catalog.pg_class c
             join pg_catalog.pg_namespace n on n.oid = c.relnamespace
             where n.nspname = ${MIGRATIONS_SCHEMA} and c.relname = ${MIGRATIONS_TABLE}
           union select pg_catalog.pg_get_userbyid(d.datdba)::text from pg_catalog.pg_database d
             where d.datname = current_database()
           union select pg_catalog.pg_get_userbyid(a.grantee)::text
             from pg_catalog.pg_database d, aclexplode(d.datacl) as a
             where d.datname = current_database() and a.grantee <> 0
               and a.privilege_type = 'CONNECT') as allowed_members,
         current_user::text as current_user,
         exists (select from pg_catalog.pg_database d,
                   aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) as a
                 where d.datname = current_database() and a.grantee = 0
                   and a.privilege_type = 'CONNECT') as public_connect`;

const ATTRIBUTES: [keyof RoleFacts, string][] = [
  ['rolsuper', 'is a superuser (SUPERUSER), which no row-level security binds'],
  ['rolbypassrls', 'bypasses row-level security (BYPASSRLS)'],
  ['rolcanlogin', 'can log in (LOGIN): whoever logs in as it can claim to be any business'],
  ['rolcreaterole', 'may create and grant roles (CREATEROLE)'],
  ['rolcreatedb', 'may create databases (CREATEDB)'],
  ['rolreplication', 'may stream the whole server (REPLICATION)'],
];

/**
 * Everything about the tenant role, the database's CONNECT grant and the tables that would
 * let a statement escape its tenant, one sentence each; empty when all is as `grantTenantAccess`
 * leaves it. The tenant role may be granted only to the migration user (the owner of the
 * database or of the migrations' record), the current user, and roles granted CONNECT on this
 * database by name (the runtime user): no other role can use it here, so any other grant is a
 * mistake or an attack (another database's user on the same server, say).
 */
export async function tenantAccessProblems(db: Db): Promise<string[]> {
  const [facts] = rowsOf<RoleFacts>(await db.execute(ROLE_QUERY));
  if (!facts) throw new Error('The role query returned nothing.');
  const role = JSON.stringify(facts.role);
  if (!facts.exists) {
    return [`the tenant role ${role} does not exist: run the migrations (db:migrate).`];
  }
  const problems: string[] = [];
  for (const [attribute, meaning] of ATTRIBUTES) {
    if (facts[attribute]) problems.push(`the tenant role ${role} ${meaning}.`);
  }
  if (facts.owned > 0) {
    problems.push(
      `the tenant role ${role} owns ${facts.owned} object(s): an owner may alter or drop them, ` +
        'and is not bound by row-level security unless it is forced.',
    );
  }
  for (const granted of facts.member_of) {
    problems.push(`the tenant role ${role} is a member of ${granted}, and holds its privileges.`);
  }
  const allowed = new Set(facts.allowed_members);
  for (const member of facts.members.filter((name) => !allowed.has(name))) {
    problems.push(
      `the tenant role ${role} is granted to ${member}, which may then act as any business; ` +
        'only the migration user and the runtime user (granted CONNECT on this database) may ' +
        `hold it (REVOKE ${role} FROM ${member}).`,
    );
  }
  if (!facts.user_is_member) {
    problems.push(
      `the database user ${facts.current_user} may not switch to the tenant role ${role}: ` +
        `GRANT ${role} TO ${facts.current_user}.`,
    );
  }
  if (facts.public_connect) {
    problems.push(
      'every role on the server may connect to this database (CONNECT is granted to PUBLIC): ' +
        'run the migrations (db:migrate) as the owner of the database.',
    );
  }
  for (const plan of rowsOf<TablePlan>(await db.execute(PLAN_QUERY))) {
    problems.push(...tableProblems(plan, role));
  }
  return problems;
}

function tableProblems(plan: TablePlan, role: string): string[] {
  const name = `table ${plan.schema}.${plan.table}`;
  const problems: string[] = [];
  if (plan.rls_enabled && !plan.rls_forced) {
    problems.push(`${name}: row-level security is not forced, so its owner bypasses it.`);
  }
  const privileges = wanted(plan);
  const extra = plan.granted.filter((privilege) => !privileges.includes(privilege));
  const missing = privileges.filter((privilege) => !plan.granted.includes(privilege));
  if (extra.length > 0) {
    problems.push(
      `${name}: the tenant role ${role} holds ${extra.join(', ')} that no policy covers.`,
    );
  }
  if (missing.length > 0) {
    problems.push(
      `${name}: policies allow ${missing.join(', ')} but the tenant role ${role} lacks it.`,
    );
  }
  if (plan.column_grants.length > 0) {
    problems.push(
      `${name}: the tenant role ${role} holds column privileges on ${plan.column_grants.join(', ')}.`,
    );
  }
  return problems;
}
