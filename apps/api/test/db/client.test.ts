import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { readSettings } from '../../src/lib/settings.ts';

/** PostgreSQL's SSLRequest: length 8, then the code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** A FATAL ErrorResponse, so the client gives up at once instead of reconnecting. */
function refusal(): Buffer {
  const fields = Buffer.from('SFATAL\0C28000\0Mrefused by the fake server\0\0');
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

/** What the fake server saw a client do first. */
type Opening = 'plain startup' | 'ssl request, then startup over TLS' | 'ssl request, TLS refused';

/**
 * A fake PostgreSQL server on 127.0.0.1 that answers an SSLRequest with "S" and a self-signed
 * certificate, records how each client opened, and refuses every startup message. No client
 * that checks certificates gets past the handshake; one that does not sends its startup message
 * over TLS.
 */
class FakeServer {
  #server: Server | undefined;
  #waiting: ((opening: Opening) => void)[] = [];
  constructor(private readonly identity: { key: Buffer; cert: Buffer }) {}

  async start(): Promise<number> {
    this.#server = createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  /** How the next client opens, once the server has seen it. */
  nextOpening(): Promise<Opening> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #record(opening: Opening): void {
    for (const resolve of this.#waiting.splice(0)) resolve(opening);
  }

  #accept(socket: Socket): void {
    socket.on('error', () => {});
    socket.once('data', (first: Buffer) => {
      if (!first.subarray(0, 8).equals(SSL_REQUEST)) {
        this.#record('plain startup');
        socket.end(refusal());
        return;
      }
      socket.write('S');
      const secure = new TLSSocket(socket, { isServer: true, ...this.identity });
      let startup = false;
      secure.on('error', () => {});
      secure.once('data', () => {
        startup = true;
        this.#record('ssl request, then startup over TLS');
        secure.end(refusal());
      });
      // A client that rejects the certificate hangs up during the handshake.
      secure.once('close', () => {
        if (!startup) this.#record('ssl request, TLS refused');
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }
}

/** Every `code` along an error's cause chain. */
function codes(error: unknown): string[] {
  const found: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) {
    const { code } = at as { code?: unknown };
    if (typeof code === 'string') found.push(code);
  }
  return found;
}

let certFolder: string;
let server: FakeServer;
let port: number;

beforeAll(async () => {
  // A throw-away self-signed certificate for 127.0.0.1: valid, but signed by nobody trusted.
  certFolder = mkdtempSync(path.join(tmpdir(), 'fake-pg-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { cwd: certFolder, stdio: 'ignore' },
  );
  server = new FakeServer({
    key: readFileSync(path.join(certFolder, 'key.pem')),
    cert: readFileSync(path.join(certFolder, 'cert.pem')),
  });
  port = await server.start();
});

afterAll(async () => {
  await server?.close();
  rmSync(certFolder, { recursive: true, force: true });
});

/** Opens the server database at `url` (plus `tls`), makes it connect once, and closes it. */
async function connectOnce(url: string, tls?: 'verify-full' | 'url'): Promise<unknown> {
  const database = await openDatabase({
    kind: 'server',
    url,
    poolMax: 1,
    statementTimeoutMs: 2000,
    ...(tls === undefined ? {} : { tls }),
  });
  try {
    await database.ping();
    throw new Error('expected the fake server to refuse the connection');
  } catch (error) {
    return error;
  } finally {
    await database.close();
  }
}

describe('openDatabase on a server: transport security', () => {
  const url = () => `postgres://app:secret@127.0.0.1:${port}/app`;

  it('with tls verify-full, asks for TLS and refuses a certificate nobody trusted', async () => {
    const opening = server.nextOpening();
    const error = await connectOnce(url(), 'verify-full');
    expect(await opening).toBe('ssl request, TLS refused');
    expect(codes(error)).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('the settings of a production app on a remote host connect with verify-full', async () => {
    const { database } = readSettings({
      NODE_ENV: 'production',
      INTANDEM_JWKS_URL: 'https://api.vcita.biz/v3/apps/.well-known/jwks.json',
      INTANDEM_APP_CODE_NAME: 'acme-scheduler',
      CORS_ALLOWED_ORIGINS: 'https://app.acme.example',
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/app',
    }).settings;
    expect(database.tls).toBe('verify-full');
    // The same URL, pointed at the fake server: its query is what the client is told.
    const local = new URL(database.url ?? '');
    local.host = `127.0.0.1:${port}`;

    for (const tls of [database.tls, undefined]) {
      const opening = server.nextOpening();
      const error = await connectOnce(local.toString(), tls);
      expect(await opening).toBe('ssl request, TLS refused');
      expect(codes(error)).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    }
  });

  it('without it, a URL that says nothing connects in plain text (development, loopback)', async () => {
    const opening = server.nextOpening();
    expect(codes(await connectOnce(url(), 'url'))).toContain('28000');
    expect(await opening).toBe('plain startup');
  });

  it('sslmode=require gets TLS but no certificate check: the fake server is believed', async () => {
    const opening = server.nextOpening();
    expect(codes(await connectOnce(`${url()}?sslmode=require`, 'url'))).toContain('28000');
    expect(await opening).toBe('ssl request, then startup over TLS');
  });
});

describe('openDatabase embedded on disk: file permissions', () => {
  let root: string;
  let umask: number;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pglite-perms-'));
    // The usual umask: PGlite would otherwise create everything readable by every user.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  /** Every path under `dir` whose mode grants the group or others anything. */
  function openToOthers(dir: string): string[] {
    const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    return entries
      .map((entry) => path.join(dir, entry))
      .filter((file) => (lstatSync(file).mode & 0o077) !== 0)
      .map((file) => `${path.relative(dir, file)} ${(lstatSync(file).mode & 0o777).toString(8)}`);
  }

  it('creates the data folder 0700 and leaves no file open to the group or others', async () => {
    const dataDir = path.join(root, 'fresh', '.data', 'pglite');
    const database = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.dirname(dataDir)).mode & 0o777).toBe(0o700);
      expect(readdirSync(dataDir).length).toBeGreaterThan(0);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
    // Files PGlite writes later inherit its umask, but sit in a folder only its user can enter.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('tightens a folder an earlier version left readable, and what is in it', async () => {
    const dataDir = path.join(root, 'existing');
    const first = await openDatabase({ kind: 'embedded', dataDir });
    await first.close();
    chmodSync(dataDir, 0o755);
    for (const entry of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(dataDir, entry);
      chmodSync(file, lstatSync(file).isDirectory() ? 0o755 : 0o644);
    }
    expect(openToOthers(dataDir)).not.toEqual([]);

    const database = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
