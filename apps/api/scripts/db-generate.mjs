#!/usr/bin/env node
// `pnpm --dir apps/api db:generate --name reminders [--custom]`: writes the next SQL migration
// from the schema's changes, named for what it does, then formats drizzle-kit's JSON as the
// repository's formatter wants it, so the new files pass `pnpm lint` as written.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const NAME = /^[a-z][a-z0-9_]{0,49}$/;

function fail(message) {
  console.error(`db:generate: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: { name: { type: 'string' }, custom: { type: 'boolean', default: false } },
  }));
} catch (error) {
  fail(error.message);
}
if (values.name === undefined) {
  fail('name the migration for what it does: db:generate --name reminders');
}
if (!NAME.test(values.name)) {
  fail(`--name must be lower-case letters, digits and "_" (1–50), got "${values.name}".`);
}

function run(command, args) {
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
  if (error) fail(`${command}: ${error.message}`);
  if (status !== 0) process.exit(status ?? 1);
}

run('drizzle-kit', ['generate', '--name', values.name, ...(values.custom ? ['--custom'] : [])]);
// drizzle-kit's JSON layout is not the formatter's: without this, `pnpm lint` fails on it.
run('biome', ['format', '--write', 'drizzle']);
