import type { MockState } from '../shared/contract.ts';
import { element } from './dom.ts';

/** The platform-like frame around the app: top bar, loader, and the app's iframe. */
export class HostShell {
  readonly iframe = element('app', HTMLIFrameElement);
  readonly #loader = element('loader', HTMLElement);
  readonly #who = element('who', HTMLElement);

  showSignedIn(state: MockState): void {
    const actor = state.actor ? ` (impersonated by ${state.actor.name})` : '';
    this.#who.textContent = `${state.staff.name}${actor} · ${state.business.name}`;
  }

  /** Starts a fresh app instance (empty token cache) behind the loader. */
  loadApp(appUrl: string): void {
    this.#loader.hidden = false;
    // Setting src navigates even when the URL is unchanged, which reloads the app.
    this.iframe.src = appUrl;
  }

  hideLoader(): void {
    this.#loader.hidden = true;
  }
}
