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

export const PANELS: readonly Panel[] = [
  {
    name: 'notes',
    Component: lazy(() => import('./components/Notes.tsx').then((m) => ({ default: m.Notes }))),
  },
];
