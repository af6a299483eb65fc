import { NotEmbeddedError } from '@intandem/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preload } from 'swr';
import { App } from './App.tsx';
import type { Me } from './api.ts';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import './styles.css';

export interface Startup {
  /** The SDK's `init()`, already under way. */
  handshake: Promise<unknown>;
  /** `GET /api/me`, started as soon as the handshake answered. */
  firstMe: Promise<Me>;
}

/** Renders the app once the platform answered; the first `/api/me` is handed to SWR. */
export async function start({ handshake, firstMe }: Startup): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    await handshake;
    preload('/api/me', () => firstMe);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch (error) {
    const title =
      error instanceof NotEmbeddedError
        ? 'Open this app from the platform (http://localhost:4000 in development).'
        : 'Could not connect to the platform.';
    root.render(<ErrorNotice error={error as Error} title={title} />);
  }
}
