/**
 * A real HTTP server on 127.0.0.1 standing in for the partner API, so the app's requests go
 * through happy-dom's fetch, CORS preflight included. Each test decides the answers with
 * `fakeApi.reply` and reads what the app sent from `fakeApi.requests`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/api/items/a%2Fb`. */
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The parsed JSON body, or `undefined` when there was none. */
  body: unknown;
}

export interface ApiReply {
  status: number;
  /** Sent as JSON; no body when omitted. */
  body?: unknown;
}

export type ApiHandler = (request: ApiRequest) => ApiReply | Promise<ApiReply>;

/** The API's error body: `{ error: { code, message, retryable } }`. */
export function apiError(status: number, code: string, message: string): ApiReply {
  return { status, body: { error: { code, message, retryable: false } } };
}

/** What the API answers a path it has no route for. */
export const notFound: ApiHandler = (request) =>
  apiError(404, 'not_found', `No route for ${request.method} ${request.path}`);

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

function allowCrossOrigin(response: ServerResponse) {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
}

interface FakeApi {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request except CORS preflights, in arrival order. */
  readonly requests: ApiRequest[];
  /** Answers each request; replace it per test. Unknown routes get a 404. */
  reply: ApiHandler;
  /** Resolves once no request is being answered (the app may still send more later). */
  idle(): Promise<void>;
  /** Forgets the requests and restores the 404 handler. */
  reset(): void;
  close(): Promise<void>;
}

async function startFakeApi(): Promise<FakeApi> {
  const requests: ApiRequest[] = [];
  let inFlight = 0;
  const whenIdle: (() => void)[] = [];
  const server = createServer(async (request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
    });
    allowCrossOrigin(response);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const recorded: ApiRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      body: await readBody(request),
    };
    requests.push(recorded);
    const { status, body } = await api.reply(recorded);
    if (body === undefined) {
      response.writeHead(status).end();
      return;
    }
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: FakeApi = {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: notFound,
    idle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise((resolve) => whenIdle.push(resolve)),
    reset() {
      requests.length = 0;
      api.reply = notFound;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return api;
}

/** One server per test file; test/setup.ts points the app at it. */
export const fakeApi = await startFakeApi();
