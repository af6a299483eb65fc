import { init, NotEmbeddedError } from '@intandem/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { env } from './env.ts';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

try {
  await init({ hostOrigins: env.hostOrigins, widgetUid: env.widgetUid });
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
