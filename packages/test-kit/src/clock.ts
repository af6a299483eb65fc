/** A clock a test moves by hand, injected wherever the code under test takes a `now`. */
export function createClock(startMs = Date.UTC(2026, 10, 1, 12, 0, 0)) {
  let current = startMs;
  return {
    now: () => current,
    /** Current time in epoch seconds, as JWT claims count it. */
    seconds: () => Math.floor(current / 1000),
    advance(ms: number) {
      current += ms;
    },
  };
}

export type Clock = ReturnType<typeof createClock>;
