import { init, NotEmbeddedError } from '@intandem/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { env } from './env.ts';

const root = createRoot(document.getElementById('root') as HTMLElement);

try {
  await init({ hostOrigins: env.hostOrigins });
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  const message =
    error instanceof NotEmbeddedError
      ? 'Open this app from the platform (http://localhost:4000 in development).'
      : `Could not reach the platform: ${(error as Error).message}`;
  root.render(<p role="alert">{message}</p>);
}
