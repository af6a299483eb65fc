/**
 * Your features' panels, in the order the app shows them below the identity. Each is a chunk of
 * its own, loaded once the identity is on screen, so a new panel does not grow the JS the app
 * needs before it can say who is signed in (e2e/tests/bundle.spec.ts). A panel gets the
 * platform's view and is mounted afresh when it changes.
 */
import type { View } from '@intandem/sdk';
import { type ComponentType, lazy } from 'react';

export interface PanelProps {
  view: View;
}

export interface Panel {
  /** What it shows while its chunk loads: "Loading {name}…". */
  name: string;
  Component: ComponentType<PanelProps>;
}

/**
 * A panel whose module is fetched the first time it is shown. Write `load` as a literal
 * `import('./components/…')`, so that the bundler makes that module a chunk of its own.
 */
export function lazyPanel(name: string, load: () => Promise<ComponentType<PanelProps>>): Panel {
  return { name, Component: lazy(async () => ({ default: await load() })) };
}

export const PANELS: readonly Panel[] = [
  // One lazyPanel per feature, in the order the app shows them (docs/add-a-feature.md).
  // demo:start
  lazyPanel('notes', () => import('./components/Notes.tsx').then((module) => module.Notes)),
  // demo:end
];
