/**
 * The verified identity on screen before React has run: the same markup as `<App>`'s header and
 * `<StaffCard>` (test/first-paint.test.tsx holds them together), built with the DOM alone. React
 * replaces it with the whole app once its chunk has run; until then the staff member is shown, and
 * the platform can drop its loader. No React here: the entry imports this.
 */
import type { Me } from './api.ts';
import { formatsFor } from './platform/format.ts';

type Child = Node | string;

function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** `<StaffCard>` as plain DOM; times in the document's language, as far as it is known yet. */
export function staffCard(me: Me, language = document.documentElement.lang || 'en'): HTMLElement {
  const rows: Child[] = [
    el('dt', {}, 'Staff member'),
    el('dd', {}, el('output', { 'data-testid': 'staff-uid' }, me.staff.uid)),
    el('dt', {}, 'Business'),
    el('dd', { 'data-testid': 'business-uid' }, me.business?.uid ?? '—'),
  ];
  if (me.actor && me.actor.uid !== me.staff.uid) {
    rows.push(
      el('dt', {}, 'Acting on their behalf'),
      el('dd', { 'data-testid': 'actor-uid' }, me.actor.uid),
    );
  }
  rows.push(
    el('dt', {}, 'Token expires'),
    el(
      'dd',
      { 'data-testid': 'token-expiry' },
      el('time', { datetime: me.expires_at }, formatsFor(language).time(me.expires_at)),
    ),
  );
  return el(
    'section',
    { class: 'card', 'aria-labelledby': 'staff-title' },
    el('h2', { id: 'staff-title' }, 'Signed in'),
    el('dl', {}, ...rows),
  );
}

/** Shows the identity in `root` as `<App>` would, before React has loaded. */
export function paintIdentity(root: HTMLElement, me: Me): void {
  root.replaceChildren(
    el('main', { class: 'app' }, el('header', {}, el('h1', {}, 'Partner app')), staffCard(me)),
  );
}

/** Resolves after the browser has painted what is in the DOM now (or soon, if frames stall). */
export function afterNextPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(fallback);
      resolve();
    };
    // A rAF callback runs just before a frame is painted; a task queued from it runs after.
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => setTimeout(done));
  });
}
