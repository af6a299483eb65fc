import { element } from './dom.ts';
import { countdown, type Field, inspectToken } from './token-inspector.ts';
import type { TokenMode } from './token-modes.ts';

/** The dev panel's view of the last token the host sent to the app. */
interface InspectorPanel {
  /** The host sent `token` in `mode`. */
  show(token: string, mode: TokenMode): void;
  /** The host could not get a token for the app (e.g. the platform's 429). */
  showFailure(code: string, message: string): void;
}

/** Every code a token mode expects is a 401 in the API's error catalogue. */
const REFUSED_STATUS = 401;

/** Wires the inspector (markup in index.html): decoded token, live countdown, verdict. */
export function createInspectorPanel(): InspectorPanel {
  const status = element('token-status', HTMLElement);
  const timer = element('token-countdown', HTMLElement);
  const header = element('token-header', HTMLDListElement);
  const claims = element('token-claims', HTMLDListElement);
  const verdict = element('token-verdict', HTMLElement);
  const copy = element('copy-token', HTMLButtonElement);

  let current: { token: string; expSec: number | null } | null = null;
  const tick = () => {
    timer.textContent = current ? countdown(current.expSec, Date.now()) : '';
  };
  setInterval(tick, 1000);

  copy.addEventListener('click', () => {
    if (!current) return;
    // For `pnpm inspect-token`: the whole token, which the panel itself never displays.
    navigator.clipboard.writeText(current.token).then(
      () => {
        status.textContent = 'Token copied to the clipboard.';
      },
      () => {
        status.textContent = 'The browser refused the clipboard.';
      },
    );
  });

  return {
    show(token, mode) {
      const view = inspectToken(token);
      current = { token, expSec: view?.expSec ?? null };
      status.textContent = `${mode.label}, sent at ${new Date().toLocaleTimeString()}.`;
      fill(header, view?.header ?? [{ name: 'token', value: 'not a decodable JWT' }]);
      fill(claims, view?.claims ?? []);
      verdict.replaceChildren(...verdictOf(mode));
      copy.disabled = false;
      tick();
    },
    showFailure(code, message) {
      current = null;
      status.textContent = `No token sent: ${code}. ${message}`;
      fill(header, []);
      fill(claims, []);
      verdict.replaceChildren();
      copy.disabled = true;
      tick();
    },
  };
}

/** The step the mode's token tests, and what the API answers for it. */
function verdictOf(mode: TokenMode): (Node | string)[] {
  if (mode.expectedCode === null) return [`Passes ${mode.step}. The API answers 200.`];
  const code = document.createElement('code');
  code.textContent = mode.expectedCode;
  return [`Fails at ${mode.step}. The API answers ${REFUSED_STATUS} `, code, '.'];
}

function fill(list: HTMLDListElement, fields: readonly Field[]): void {
  list.replaceChildren(
    ...fields.flatMap(({ name, value }) => {
      const term = document.createElement('dt');
      term.textContent = name;
      const detail = document.createElement('dd');
      detail.textContent = value;
      return [term, detail];
    }),
  );
}
