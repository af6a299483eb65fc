import { JwksFetchError } from '../errors.ts';
import { resolveOptions, type VerifierOptions } from '../options.ts';
import { fetchJwks } from './fetch.ts';
import { KeySet } from './keys.ts';

/** Options of {@link probeJwks}: the verifier's own, with the verifier's defaults. */
export type JwksProbeOptions = Pick<
  VerifierOptions,
  'jwksUrl' | 'algorithms' | 'timeoutMs' | 'maxJwksBytes' | 'fetch' | 'now'
>;

/** What one JWKS fetch showed. */
export interface JwksProbe {
  /** The `kid`s of the keys that can verify tokens signed with one of the allowed algorithms. */
  kids: string[];
  /** The answer's `Date` header in epoch ms; `undefined` when it is missing or unreadable. */
  serverDate: number | undefined;
  /**
   * This machine's clock (`now`, default `Date.now`), in epoch ms, when the request went out and
   * when the answer arrived.
   */
  sentAt: number;
  receivedAt: number;
  /** The limits the fetch ran under (the verifier's defaults unless given). */
  timeoutMs: number;
  maxJwksBytes: number;
}

/**
 * Fetches the key set once the way the verifier does (its URL rules, deadline, byte cap, no
 * redirects) and judges every key by the verifier's rules, so a deployment check (`pnpm doctor`)
 * sees what the verifier would.
 * @throws VerifierOptionsError for options the verifier would refuse.
 * @throws JwksFetchError with the verifier's reason, `invalid_set` when no key fits the algorithms.
 */
export async function probeJwks(options: JwksProbeOptions): Promise<JwksProbe> {
  // The audience is not used here; resolveOptions applies the verifier's defaults and checks.
  const resolved = resolveOptions({ ...options, audience: 'probe' });
  let serverDate: number | undefined;
  let receivedAt: number | undefined;
  const sentAt = resolved.now();
  const fetched = await fetchJwks(resolved.jwksUrl, {
    timeoutMs: resolved.timeoutMs,
    maxBytes: resolved.maxJwksBytes,
    fetch: async (input, init) => {
      const response = await resolved.fetch(input, init);
      receivedAt = resolved.now();
      const date = Date.parse(response.headers.get('date') ?? '');
      serverDate = Number.isNaN(date) ? undefined : date;
      return response;
    },
  });
  const set = KeySet.parse(fetched.document);
  const kids: string[] = [];
  for (const kid of set.usableKids) {
    for (const alg of resolved.algorithms) {
      const usable = await set.keyFor(kid, alg).then(
        () => true,
        () => false,
      );
      if (usable) {
        kids.push(kid);
        break;
      }
    }
  }
  if (kids.length === 0) throw new JwksFetchError('invalid_set');
  return {
    kids,
    serverDate,
    sentAt,
    receivedAt: receivedAt ?? resolved.now(),
    timeoutMs: resolved.timeoutMs,
    maxJwksBytes: resolved.maxJwksBytes,
  };
}
