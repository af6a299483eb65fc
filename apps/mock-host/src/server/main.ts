import { createServer } from 'node:http';
import { createMockHost } from './app.ts';
import { readConfig } from './config.ts';
import { staticPage, vitePage } from './page.ts';

const config = readConfig();
const production = process.env.NODE_ENV === 'production';
const dev = production ? undefined : await vitePage();
const page = dev ? dev.page : await staticPage();
const { handler } = await createMockHost(config, page);

const server = createServer((req, res) => void handler(req, res));
server.listen(config.port, config.hostname, () => {
  console.log(`mock-host: platform simulated at http://${config.hostname}:${config.port}`);
});

function shutdown() {
  server.close();
  void dev?.close();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
