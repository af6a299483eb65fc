import { createServer } from 'node:http';
import { createMockHost } from './app.ts';
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
// Vite's hot-reload socket shares this loopback-only server instead of opening its own port.
const dev = production ? undefined : await vitePage(server);
const page = dev ? dev.page : await staticPage().catch(stop);
const { handler } = await createMockHost(config, { page });
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
