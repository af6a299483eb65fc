/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) standing in for the partner API:
 * it records every request and answers with whatever the test scripts.
 */
import type { IncomingMessage } from 'node:http';
import { startServer } from '@partner/test-kit/http';

interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

interface ScriptedAnswer {
  status: number;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
}

export interface ApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Decides each answer; the default answers 200 `{ ok: true }`. */
  answer: (request: RecordedRequest) => ScriptedAnswer;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startApiServer(): Promise<ApiServer> {
  const requests: RecordedRequest[] = [];
  const server = await startServer(async (incoming, outgoing) => {
    const recorded: RecordedRequest = {
      method: incoming.method ?? '',
      path: incoming.url ?? '',
      authorization: incoming.headers.authorization,
      contentType: incoming.headers['content-type'],
      body: await readBody(incoming),
    };
    requests.push(recorded);
    const { status, body } = api.answer(recorded);
    if (body === undefined) {
      outgoing.writeHead(status).end();
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    outgoing.writeHead(status, { 'content-type': type }).end(text);
  });
  const api: ApiServer = {
    url: server.origin,
    requests,
    answer: () => ({ status: 200, body: { ok: true } }),
    close: server.close,
  };
  return api;
}
