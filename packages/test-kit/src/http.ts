import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Stops listening and drops open connections (held-open answers included). */
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, on a port the system picks, answering with `handler`. */
export async function startServer(handler: RequestListener): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
