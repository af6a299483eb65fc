#!/usr/bin/env bash
# Proves `pnpm remove-demo` on a throw-away copy of the repository's files: after
# `pnpm remove-demo --yes`, nothing the manifest lists, no demo marker and no demo word is left,
# and the tree passes typecheck, lint, the unit tests, the browser tests of the identity and the
# database process tests; then docs/add-a-feature.md, followed there, gives a tree that passes
# typecheck, lint and the example's test. `--no-e2e` skips the browser tests (they build the
# three apps and need ports 3000/4000/5173). Without TEST_DATABASE_URL, a throw-away PostgreSQL
# serves the run.
set -euo pipefail
cd "$(dirname "$0")/.."

copy="$(mktemp -d "${TMPDIR:-/tmp}/remove-demo-XXXXXX")"
pg_folder=""
cleanup() {
  if [ -n "$pg_folder" ]; then "$repo/scripts/test-postgres.sh" stop "$pg_folder"; fi
  rm -rf "$copy"
}
repo="$PWD"
trap cleanup EXIT
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pg_folder="$(scripts/test-postgres.sh start)"
  TEST_DATABASE_URL="$(cat "$pg_folder/url")"
  export TEST_DATABASE_URL
fi

echo "▶ copying the repository's files to $copy"
# Tracked files and new ones not ignored, so the check also covers work not yet committed.
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
  xargs -0 cp --parents -t "$copy"

cd "$copy"
# Installed first, as a partner's clone is: the removal formats what it edited with biome.
pnpm install --offline --frozen-lockfile
echo "▶ pnpm remove-demo --yes"
node scripts/remove-demo.mjs --yes

echo "▶ nothing of the demo is left"
# The manifest and the marker rule come from the original tree: the copy no longer has them.
REPO="$repo" node --input-type=module -e '
  import { existsSync, readFileSync } from "node:fs";
  const { MARKER, readManifest } = await import(`${process.env.REPO}/scripts/remove-demo.mjs`);
  const { treeFiles } = await import(`${process.env.REPO}/scripts/tree-files.mjs`);
  const manifest = readManifest();
  const left = manifest.files.filter((file) => existsSync(file));
  for (const file of treeFiles(process.cwd())) {
    const text = readFileSync(file, "utf8");
    if (text.split("\n").some((line) => MARKER.test(line))) left.push(`${file}: a demo marker`);
    if (manifest.records.includes(file)) continue;
    for (const word of manifest.mentions) if (text.includes(word)) left.push(`${file}: ${word}`);
  }
  const journal = JSON.parse(readFileSync("apps/api/drizzle/meta/_journal.json", "utf8"));
  if (journal.entries.length > 0) left.push("the migrations journal is not empty");
  if (left.length > 0) {
    console.error(`still there:\n${left.join("\n")}`);
    process.exit(1);
  }
'

pnpm typecheck
pnpm lint
pnpm test:unit

if [ "${1:-}" != "--no-e2e" ]; then
  pnpm build
  pnpm test:e2e tests/app.spec.ts tests/database.spec.ts
fi

echo "▶ docs/add-a-feature.md followed on the tree without the demo"
# Its blocks written and its commands run as a partner would (the browser test does the same
# with the demo, under pnpm dev): the guide must not need the demo.
node scripts/docs-examples.mjs docs/add-a-feature.md
pnpm typecheck
pnpm lint
pnpm --filter @partner/api exec vitest run test/app/api/reminders
echo "✓ the tree without the demo passes, and the guide's feature added to it"
