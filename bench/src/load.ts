/** HTTP load with autocannon: bounded, loopback only, results reduced to what the report shows. */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST' | 'OPTIONS';
  headers?: Record<string, string>;
  body?: string;
  /** Seconds to run. */
  durationSec?: number;
  connections?: number;
  /** A new `Authorization` value per request (each token once), or undefined to keep `headers`. */
  authorization?: () => string;
}

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Socket errors and timeouts: requests that got no answer at all. */
  errors: number;
  statusCodes: Record<string, number>;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const authorization = spec.authorization;
  const options: autocannon.Options = {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    connections: spec.connections ?? 10,
    timeout: 10,
    ...(spec.body === undefined ? {} : { body: spec.body }),
    duration: spec.durationSec ?? 2,
    ...(authorization === undefined
      ? {}
      : {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                headers: { ...request.headers, authorization: authorization() },
              }),
            },
          ],
        }),
  };
  const result = await autocannon(options);
  const requests = result.requests.total;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  );
  return {
    // Answers per second over the run's own wall time.
    requestsPerSec: Math.round(requests / Math.max(result.duration, 0.001)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
  };
}
