import { createServer } from 'node:http';
import { createMockHost, type MockHost } from './app.ts';
import { isProduction, type MockHostConfig, readConfig } from './config.ts';
import { ConfigError, MissingBuildError } from './errors.ts';
import { staticPage, vitePage } from './page.ts';

/** A start-up problem the operator can fix: one message, exit 1, no stack trace. */
function stop(error: unknown): never {
  if (!(error instanceof ConfigError || error instanceof MissingBuildError)) throw error;
  console.error(error.message);
  process.exit(1);
}

let config: MockHostConfig;
try {
  config = readConfig();
} catch (error) {
  stop(error);
}

// The same rule as the refusal: only development and test serve the page from source.
const production = isProduction();
const server = createServer();
// The page is rendered with the state of the moment; the host exists by the first request.
let host: MockHost | undefined;
const snapshot = () => {
  if (!host) throw new Error('mock-host: the page was asked for before the host existed.');
  return host.state.snapshot();
};
// Vite's hot-reload socket shares this loopback-only server instead of opening its own port.
const dev = production ? undefined : await vitePage(server, snapshot);
const page = dev ? dev.page : await staticPage(snapshot).catch(stop);
host = await createMockHost(config, { page });
const { handler } = host;
server.on('request', (req, res) => void handler(req, res));

server.on('error', (error) => {
  console.error(`mock-host: cannot listen on ${config.hostname}:${config.port}: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, config.hostname, () => {
  // PORT=0 picks a free port: say which one.
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(`mock-host: platform simulated at http://${config.hostname}:${port}`);
});

function shutdown() {
  server.close();
  // Requests held open by the 'hang' JWKS outage would keep the process alive.
  server.closeAllConnections();
  void dev?.close();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
