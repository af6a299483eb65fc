import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockHostConfig } from '../config.ts';
import type { Clock } from '../rate-limit.ts';
import type { HostState } from '../state.ts';

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  state: HostState;
  config: MockHostConfig;
  /** Milliseconds since the epoch; injected so tests control time. */
  now: Clock;
}

/** One endpoint. A handler answers through `ctx.res`, or on purpose never answers. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  handle(ctx: RouteContext): Promise<void>;
}
