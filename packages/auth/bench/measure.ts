/**
 * The measuring harness. Tasks run interleaved: a batch of each (`BATCH_MS`), in a new random
 * order every cycle, until the round's time is up.
 *
 * Why not one task after another (as tinybench runs them): on a shared machine that lets a single
 * ratio swing widely, the more so the shorter the tasks, because a slow spell lands on one side
 * only, and because each task inherits the state the previous one left (an idle thread pool, a
 * collection under way). Interleaving puts both sides of a ratio in
 * the same moments, and the random order spreads what a batch inherits over every task. A
 * young-generation collection, though, charges whoever runs for copying everyone's survivors,
 * and a verifier with a cache keeps more alive than the baselines; so each batch ends with two
 * collections timed as its own, which promote whatever it kept.
 */

/** One operation; a returned promise is awaited. */
type Op = () => unknown;
/** Operations per second, by task name. */
type OpsPerSec = Record<string, number>;

/** Length of one batch: two collections are noise next to it, and rounds still interleave often. */
const BATCH_MS = 50;
/** Time each task runs before measuring: JIT warm-up, and the batch size is derived from it. */
const WARMUP_MS = 100;

/** Needs `--expose-gc`, which the `bench` script passes. */
function collectYoungGeneration(): void {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc (pnpm bench)');
  // The first copies the batch's survivors within the young generation, the second promotes them.
  globalThis.gc({ type: 'minor' });
  globalThis.gc({ type: 'minor' });
}

/** Runs `op` `count` times, one after another, and returns the elapsed milliseconds. */
async function runBatch(op: Op, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const result = op();
    // Synchronous baselines are not charged a microtask per call.
    if (result instanceof Promise) await result;
  }
  collectYoungGeneration();
  return performance.now() - start;
}

/** How many calls of `op` fill one batch, measured while warming it up. */
async function calibrate(op: Op): Promise<number> {
  let size = 1;
  let calls = 0;
  let elapsed = 0;
  while (elapsed < WARMUP_MS) {
    elapsed += await runBatch(op, size);
    calls += size;
    size *= 2;
  }
  return Math.max(1, Math.round((calls / elapsed) * BATCH_MS));
}

/** Measures every task for about `totalMs` altogether, in interleaved batches. */
async function interleave(tasks: Record<string, Op>, totalMs: number): Promise<OpsPerSec> {
  const runs = [];
  for (const [name, op] of Object.entries(tasks)) {
    runs.push({ name, op, batch: await calibrate(op), calls: 0, elapsedMs: 0 });
  }
  const end = performance.now() + totalMs;
  while (performance.now() < end) {
    // A new order every cycle: what a batch inherits from the one before it (a thread pool gone
    // idle, a collection under way) must not always fall on the same task.
    for (const run of shuffled(runs)) {
      run.elapsedMs += await runBatch(run.op, run.batch);
      run.calls += run.batch;
    }
  }
  return Object.fromEntries(
    runs.map((run) => [run.name, Math.round((run.calls / run.elapsedMs) * 1000)]),
  );
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Measures a scenario in rounds, each with fresh tasks, after one unreported warm-up round:
 * some baselines, `fetch` among them, keep speeding up for seconds. A ratio is taken within each
 * round and the median round's ratio is reported.
 */
export async function rounds(
  label: string,
  count: number,
  roundMs: number,
  makeTasks: () => Promise<Record<string, Op>>,
): Promise<{ median: OpsPerSec; all: OpsPerSec[] }> {
  console.log(`  ${label}: warm-up round`);
  await interleave(await makeTasks(), roundMs);
  const all: OpsPerSec[] = [];
  for (let round = 1; round <= count; round += 1) {
    console.log(`  ${label}: round ${round}/${count}`);
    all.push(await interleave(await makeTasks(), roundMs));
  }
  const names = Object.keys(all[0] ?? {});
  const median = Object.fromEntries(
    names.map((name) => [name, middle(all.map((result) => result[name] ?? 0))]),
  );
  return { median, all };
}

/** The median; the shared machine's outliers must not decide a comparison. */
function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `mine` ÷ `theirs` in each round, median over the rounds, two decimals. */
export function ratio(rounds: OpsPerSec[], theirs: string, mine = 'ours'): number {
  const perRound = rounds.map((result) => (result[mine] ?? 0) / (result[theirs] ?? Number.NaN));
  return Math.round(middle(perRound) * 100) / 100;
}
