import { render, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { SWRConfig, type SWRConfiguration } from 'swr';
import { type ContextStore, createContextStore } from '../../src/platform/context.ts';
import { ContextStoreContext } from '../../src/platform/use-platform.ts';

/**
 * Renders as ui.tsx does, under StrictMode at the root (React runs mount effects twice
 * only when StrictMode is the outermost element), with an SWR cache of its own so no test
 * sees another's data, and without SWR's error retries, so a failed request is not sent
 * again behind the test's back. The platform context is a store of the test's own (a fresh,
 * empty one unless given).
 */
export function renderWithSWR(
  ui: ReactNode,
  config: SWRConfiguration = {},
  store: ContextStore = createContextStore(),
) {
  return render(
    <StrictMode>
      <ContextStoreContext.Provider value={store}>
        <SWRConfig
          value={{
            provider: () => new Map(),
            dedupingInterval: 0,
            shouldRetryOnError: false,
            ...config,
          }}
        >
          {ui}
        </SWRConfig>
      </ContextStoreContext.Provider>
    </StrictMode>,
  );
}

/**
 * Resolves once nothing on screen is loading (no `aria-busy="true"`): whatever the app fetched
 * has arrived and rendered. The signal to wait on before checking that nothing more happens.
 */
export function settled(): Promise<void> {
  return waitFor(() => {
    if (document.querySelector('[aria-busy="true"]') !== null) throw new Error('still loading');
  });
}
