/**
 * The database users of docs/DEPLOY.md ("Database users"), created on the test server by running
 * that page's SQL block as written, with the names made unique: what the page tells an operator
 * to run is what the tests prove.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execute, serverUrl, serverUrlFor } from './server-database.ts';

const DEPLOY = fileURLToPath(new URL('../../../../../docs/DEPLOY.md', import.meta.url));

/** The statements of DEPLOY.md's block marked `database-users`. */
function deployStatements(): string[] {
  const page = readFileSync(DEPLOY, 'utf8');
  const marker = page.indexOf('<!-- database-users');
  const block = /```sql\n([\s\S]*?)```/.exec(page.slice(marker));
  if (marker < 0 || !block?.[1]) throw new Error('docs/DEPLOY.md has no database-users block');
  return block[1]
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

export interface DatabaseUsers {
  /** The database's name, in place of the page's `app`. */
  name: string;
  migratorUrl: string;
  runtimeUrl: string;
  /** Drops the database and the three roles. */
  drop(): Promise<void>;
}

/** Runs the page's block with `app` renamed to a fresh `<prefix>_<hex>`. */
export async function createDatabaseUsers(prefix = 'deploy'): Promise<DatabaseUsers> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const rename = (statement: string) =>
    statement.replace(/\bapp(?=\b|_(?:migrator|runtime|tenant)\b)/g, name);
  // One at a time: CREATE DATABASE cannot run inside the implicit transaction of a batch.
  for (const statement of deployStatements()) await execute(serverUrl(), rename(statement));
  return {
    name,
    migratorUrl: serverUrlFor(name, `${name}_migrator`),
    runtimeUrl: serverUrlFor(name, `${name}_runtime`),
    async drop() {
      await execute(serverUrl(), `drop database if exists ${name} with (force)`);
      for (const role of ['runtime', 'migrator', 'tenant']) {
        await execute(serverUrl(), `drop role if exists ${name}_${role}`);
      }
    },
  };
}
