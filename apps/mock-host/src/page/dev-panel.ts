import type { WidgetState } from '@intandem/sdk/protocol';
import {
  BRAND_HOSTS,
  type MockState,
  type MockStatePatch,
  PANEL_LANGUAGES,
  VIEWS,
  type View,
} from '../shared/contract.ts';
import { element, setOptions } from './dom.ts';
import { TOKEN_MODES, type TokenMode } from './token-modes.ts';
import { viewLabel } from './view-ack.ts';

/** What the panel's controls do; each action may fail with a message to show. */
interface PanelActions {
  updateState(patch: MockStatePatch): Promise<void>;
  /** Switches the platform's view and tells the app (ChangeView); resolves with the ack's line. */
  changeView(view: View): Promise<string>;
  setTokenMode(mode: TokenMode): void;
  rotateKey(): Promise<void>;
  retireKey(kid: string): Promise<void>;
  reset(): Promise<void>;
}

interface DevPanel {
  render(state: MockState, mode: TokenMode): void;
  /** The app instance's life cycle so far, e.g. loading → loaded → ready. */
  showLifecycle(states: readonly WidgetState[]): void;
}

const NOBODY = '';

/** Wires the dev panel's controls (markup in index.html) to the actions. */
export function createDevPanel(actions: PanelActions): DevPanel {
  const business = element('business', HTMLSelectElement);
  const staff = element('staff', HTMLSelectElement);
  const actor = element('actor', HTMLSelectElement);
  const modes = element('token-modes', HTMLElement);
  const expected = element('expected-code', HTMLElement);
  const keyList = element('key-list', HTMLUListElement);
  const retireKid = element('retire-kid', HTMLSelectElement);
  const retire = element('retire-key', HTMLButtonElement);
  const rotate = element('rotate-key', HTMLButtonElement);
  const outage = element('jwks-outage', HTMLSelectElement);
  const reset = element('reset', HTMLButtonElement);
  const message = element('panel-message', HTMLElement);
  const language = element('language', HTMLSelectElement);
  const brandHost = element('brand-host', HTMLSelectElement);
  const view = element('view', HTMLSelectElement);
  const viewAck = element('view-ack', HTMLElement);
  const lifecycle = element('app-lifecycle', HTMLElement);

  /**
   * Runs an action, then says what happened; failures show the mock host's message. Actions
   * run one at a time, so each answer is rendered in the order the changes were made and a
   * slow earlier answer cannot overwrite a later state.
   */
  let queue = Promise.resolve();
  const run = (done: string, action: () => Promise<void>): Promise<void> => {
    queue = queue.then(async () => {
      message.classList.remove('error');
      try {
        await action();
        message.textContent = done;
      } catch (error) {
        message.classList.add('error');
        message.textContent = error instanceof Error ? error.message : String(error);
      }
    });
    return queue;
  };

  const modeButtons = TOKEN_MODES.map((mode) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = mode.label;
    button.dataset.mode = mode.id;
    button.addEventListener('click', () => {
      actions.setTokenMode(mode);
      message.textContent = `Token mode: ${mode.label}. The app reloads.`;
    });
    return button;
  });
  modes.replaceChildren(...modeButtons);

  business.addEventListener('change', () =>
    run('Business switched. The app reloads.', () =>
      actions.updateState({ businessUid: business.value }),
    ),
  );
  staff.addEventListener('change', () =>
    run('Staff member switched. The app reloads.', () =>
      actions.updateState({ staffUid: staff.value }),
    ),
  );
  actor.addEventListener('change', () =>
    run('Impersonation changed. The app reloads.', () =>
      actions.updateState({ actorUid: actor.value === NOBODY ? null : actor.value }),
    ),
  );
  outage.addEventListener('change', () => {
    const value = outage.value;
    if (value !== 'none' && value !== 'error' && value !== 'hang') return;
    void run(`JWKS outage: ${value}.`, () => actions.updateState({ jwksOutage: value }));
  });
  language.addEventListener('change', () =>
    run('Language changed. The app reloads.', () =>
      actions.updateState({ language: language.value }),
    ),
  );
  brandHost.addEventListener('change', () =>
    run('Brand host changed. The app reloads.', () =>
      actions.updateState({ brandHost: brandHost.value }),
    ),
  );
  view.addEventListener('change', () => {
    const chosen = VIEWS.find((candidate) => candidate === view.value);
    if (chosen === undefined) return;
    viewAck.textContent = `ChangeView to ${viewLabel(chosen)} sent, waiting for the app's ack…`;
    void run(`View: ${viewLabel(chosen)}.`, async () => {
      viewAck.textContent = await actions.changeView(chosen);
    });
  });
  rotate.addEventListener('click', () => run('New signing key active.', actions.rotateKey));
  retire.addEventListener('click', () =>
    run(`Key ${retireKid.value} retired.`, () => actions.retireKey(retireKid.value)),
  );
  reset.addEventListener('click', () => run('Platform reset. The app reloads.', actions.reset));

  return {
    render(state, mode) {
      setOptions(
        business,
        state.directory.map((b) => ({ value: b.uid, label: b.name })),
        state.business.uid,
      );
      const members = state.directory.find((b) => b.uid === state.business.uid)?.staff ?? [];
      setOptions(
        staff,
        members.map((m) => ({ value: m.uid, label: `${m.name} (${m.role})` })),
        state.staff.uid,
      );
      setOptions(
        actor,
        [
          { value: NOBODY, label: 'Nobody' },
          ...members
            .filter((m) => m.uid !== state.staff.uid)
            .map((m) => ({ value: m.uid, label: `${m.name} (${m.role})` })),
        ],
        state.actor?.uid ?? NOBODY,
      );

      for (const button of modeButtons) {
        button.setAttribute('aria-pressed', String(button.dataset.mode === mode.id));
      }
      expected.textContent = mode.expectedCode ?? expectationWhenValid(state);

      keyList.replaceChildren(
        ...state.keys.map((key) => {
          const item = document.createElement('li');
          item.textContent = `${key.kid}${key.active ? ' (active)' : ''}`;
          return item;
        }),
      );
      // The active key cannot be retired (rotate first), so it is not offered.
      const retirable = state.keys.filter((key) => !key.active);
      setOptions(
        retireKid,
        retirable.map((key) => ({ value: key.kid, label: key.kid })),
        retirable[0]?.kid ?? '',
      );
      retire.disabled = retirable.length === 0;
      outage.value = state.jwksOutage;
      // Any tag can be set over HTTP; the panel lists it too, so the select shows the truth.
      const languages = PANEL_LANGUAGES.some((option) => option.tag === state.language)
        ? PANEL_LANGUAGES
        : [...PANEL_LANGUAGES, { tag: state.language, label: state.language }];
      setOptions(
        language,
        languages.map((option) => ({ value: option.tag, label: option.label })),
        state.language,
      );
      const hosts = BRAND_HOSTS.includes(state.brandHost)
        ? BRAND_HOSTS
        : [...BRAND_HOSTS, state.brandHost];
      setOptions(
        brandHost,
        hosts.map((host) => ({ value: host, label: host })),
        state.brandHost,
      );
      setOptions(
        view,
        VIEWS.map((option) => ({ value: option, label: viewLabel(option) })),
        state.view,
      );
    },
    showLifecycle(states) {
      lifecycle.textContent = states.join(' → ');
    },
  };
}

/**
 * After a rotation the API may not know the new kid yet: it refetches the JWKS for an unknown
 * kid at most once per cooldown, so the panel cannot promise "no error" then.
 */
function expectationWhenValid(state: MockState): string {
  const rotated = state.keys[0]?.active === false;
  return rotated
    ? "the signed-in staff member, or unknown_key within the API's JWKS cooldown (see Signing keys)"
    : 'the signed-in staff member (no error)';
}
