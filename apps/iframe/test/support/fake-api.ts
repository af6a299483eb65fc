/**
 * A real HTTP server on 127.0.0.1 standing in for the partner API, so the app's requests go
 * through happy-dom's fetch, CORS preflight included. Each test decides the answers with
 * `fakeApi.reply` and reads what the app sent from `fakeApi.requests`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Note } from '@partner/api/contract';

export interface ApiRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/api/notes/a%2Fb`. */
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

export interface FakeNotesOptions {
  /** The staff member the fake takes every caller for: the author of new notes, "me". */
  caller?: string;
  /** Answers a request itself (an error, say) by returning a reply; undefined lets the fake answer. */
  override?: (request: ApiRequest) => ApiReply | Promise<ApiReply> | undefined;
}

function textOf(body: unknown): string | undefined {
  return typeof body === 'object' &&
    body !== null &&
    'text' in body &&
    typeof body.text === 'string'
    ? body.text
    : undefined;
}

/**
 * Answers like the notes API over an in-memory list, newest first, in pages whose cursor is the
 * id of the page's last note. `author=me` keeps the caller's own notes, as the API does with the
 * verified token's staff member; any other `author` is refused, like an unknown query value.
 */
export function serveNotes(initial: readonly Note[], options: FakeNotesOptions = {}): void {
  const { caller = 'staff-1', override = () => undefined } = options;
  let notes = [...initial];
  fakeApi.reply = (request) => {
    const answer = override(request);
    if (answer) return answer;
    const url = new URL(request.path, 'http://api.test');
    if (url.pathname === '/api/notes' && request.method === 'GET') {
      const author = url.searchParams.get('author');
      if (author !== null && author !== 'me') {
        return apiError(400, 'invalid_query', '"author" must be "me" when given.');
      }
      const listed = author === 'me' ? notes.filter((kept) => kept.author_uid === caller) : notes;
      const limit = Number(url.searchParams.get('limit'));
      const cursor = url.searchParams.get('cursor');
      const start = cursor === null ? 0 : listed.findIndex((kept) => kept.id === cursor) + 1;
      const page = listed.slice(start, start + limit);
      const more = start + limit < listed.length;
      return { status: 200, body: { notes: page, next_cursor: more ? page.at(-1)?.id : null } };
    }
    const text = textOf(request.body);
    if (request.path === '/api/notes' && request.method === 'POST' && text !== undefined) {
      const created: Note = {
        id: `note-${notes.length + 1}`,
        text,
        author_uid: caller,
        business_uid: 'business-1',
        created_at: '2026-11-02T09:30:00.000Z',
      };
      notes = [created, ...notes];
      return { status: 201, body: created };
    }
    const id = /^\/api\/notes\/([^/]+)$/.exec(request.path)?.[1];
    if (id !== undefined && request.method === 'DELETE') {
      notes = notes.filter((kept) => kept.id !== decodeURIComponent(id));
      return { status: 204 };
    }
    return apiError(400, 'bad_request', `Unexpected ${request.method} ${request.path}`);
  };
}
