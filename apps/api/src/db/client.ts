/**
 * Opens the database: embedded PGlite (a folder, or memory for tests) when no URL is given,
 * otherwise a PostgreSQL server through postgres-js. Both expose the same Drizzle API, so the
 * schema, migrations and queries are identical.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type DatabaseOptions =
  /** Embedded: `dataDir` keeps the data on disk; without it, or `memory://`, it lives in memory. */
  | { kind: 'embedded'; dataDir?: string }
  | {
      kind: 'server';
      url: string;
      poolMax: number;
      statementTimeoutMs: number;
      /** `verify-full`: TLS with the certificate checked; otherwise as the URL's `sslmode` says. */
      tls?: 'verify-full' | 'url';
    };

/** One connection, and Drizzle's migrator bound to it. */
interface Session {
  db: Db;
  /** Applies the pending migrations of `migrationsFolder` in one transaction. */
  migrate(migrationsFolder: string): Promise<void>;
}

export interface Database {
  readonly kind: DatabaseOptions['kind'];
  readonly db: Db;
  /** Runs `work` on one connection for its whole duration (the migration lock needs that). */
  withSession<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /** One round trip: does the database answer? */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'embedded' ? openEmbedded(options.dataDir) : openServer(options);
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  const onDisk = dataDir !== undefined && !dataDir.startsWith('memory://');
  // PGlite creates its files with the process umask (readable by every user under 022): the
  // folder is private to this user, which covers whatever PGlite writes into it later.
  if (onDisk) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const client = await PGlite.create(onDisk ? { dataDir } : {});
  if (onDisk) removeGroupAndOtherAccess(dataDir);
  const pglite = drizzlePglite({ client, schema });
  const db = pglite as unknown as Db;
  return {
    kind: 'embedded',
    db,
    // PGlite is one connection already.
    withSession: (work) =>
      work({ db, migrate: (migrationsFolder) => migratePglite(pglite, { migrationsFolder }) }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/** Takes group and other permissions off everything under `dir` (symbolic links untouched). */
function removeGroupAndOtherAccess(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    const stats = lstatSync(file);
    if (!stats.isSymbolicLink() && (stats.mode & 0o077) !== 0) chmodSync(file, stats.mode & 0o700);
  }
}

function openServer(options: {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  tls?: 'verify-full' | 'url';
}): Database {
  const connect = (max: number, statementTimeoutMs?: number) =>
    postgres(options.url, {
      max,
      // Fail fast when the server is away, so requests answer 503 instead of hanging.
      connect_timeout: Math.max(1, Math.ceil(options.statementTimeoutMs / 1000)),
      idle_timeout: 60,
      // Said outright, so neither the URL nor a PGSSL variable can weaken it.
      ...(options.tls === 'verify-full' ? { ssl: 'verify-full' as const } : {}),
      onnotice: () => {},
      connection: {
        application_name: 'partner-api',
        ...(statementTimeoutMs === undefined ? {} : { statement_timeout: statementTimeoutMs }),
        idle_in_transaction_session_timeout: options.statementTimeoutMs,
      },
    });
  const client = connect(options.poolMax, options.statementTimeoutMs);
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    kind: 'server',
    db,
    async withSession(work) {
      // A dedicated connection without the request statement timeout: migrations may take longer.
      const session = connect(1);
      try {
        const sessionDb = drizzlePostgres({ client: session, schema });
        return await work({
          db: sessionDb as unknown as Db,
          migrate: (migrationsFolder) => migratePostgres(sessionDb, { migrationsFolder }),
        });
      } finally {
        await session.end({ timeout: 5 });
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
