const registry = globalThis as typeof globalThis & { __partnerSingletons?: Map<string, unknown> };

/**
 * One instance per server process. `next dev` re-evaluates modules on every change; keeping
 * the instance on globalThis preserves caches (JWKS, verified tokens) and demo data across reloads.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  registry.__partnerSingletons ??= new Map();
  if (!registry.__partnerSingletons.has(key)) registry.__partnerSingletons.set(key, create());
  return registry.__partnerSingletons.get(key) as T;
}
