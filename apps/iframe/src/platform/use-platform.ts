/** React's view of the platform context: the store (replaceable in tests) and its formats. */
import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import { type ContextStore, type PlatformContext, platformContext } from './context.ts';
import { type Formats, formatsFor } from './format.ts';

/** The store the app reads; tests provide one of their own. */
export const ContextStoreContext = createContext<ContextStore>(platformContext);

export function usePlatformContext(): PlatformContext {
  const store = useContext(ContextStoreContext);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The language to render in: the platform's, or the document's until it has answered. */
export function useLanguage(): string {
  const { user } = usePlatformContext();
  return user?.language ?? (document.documentElement.lang || 'en');
}

export function useFormats(): Formats {
  const language = useLanguage();
  return useMemo(() => formatsFor(language), [language]);
}
