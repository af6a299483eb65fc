import { NotEmbeddedError } from '@intandem/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { env } from './env.ts';
import type { IdentityResource } from './identity.ts';
import type { ReadySignal } from './ready-signal.ts';
import './styles.css';

interface Startup {
  /** The SDK's `init()`, already under way. */
  handshake: Promise<unknown>;
  /** `GET /api/me`, started as soon as the handshake answered. */
  identity: IdentityResource;
  /** The instance's one `ready()`, perhaps sent already by the entry's first paint. */
  ready: ReadySignal;
}

/** Renders the app once the platform answered, with the identity request already under way. */
export async function start({ handshake, identity, ready }: Startup): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    await handshake;
    root.render(
      <StrictMode>
        <App identity={identity} ready={ready} />
      </StrictMode>,
    );
  } catch (error) {
    const title =
      error instanceof NotEmbeddedError
        ? // The build's platform origins: the local mock platform's in development.
          `Open this app from the platform (${env.hostOrigins.join(' or ')}).`
        : 'Could not connect to the platform.';
    root.render(<ErrorNotice error={error as Error} title={title} />);
  }
}
