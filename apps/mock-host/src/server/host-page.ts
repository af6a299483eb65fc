/**
 * The host page as served: index.html with the app's frame already pointing at APP_URL and the
 * state it starts from inlined, so the app starts loading while the page is still parsed and the
 * page's script needs no request before it can answer the app.
 */
import type { MockState } from '../shared/contract.ts';

export const APP_URL_SLOT = '%MOCK_APP_URL%';
// A JSON string in the markup, so the file stays valid JSON-in-HTML for editors and linters.
export const STATE_SLOT = '"%MOCK_STATE%"';

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Safe inside a double-quoted attribute. */
function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? char);
}

/** JSON that cannot end its `<script>` element nor break a line in old parsers. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderHostPage(html: string, state: MockState): string {
  if (!html.includes(APP_URL_SLOT) || !html.includes(STATE_SLOT)) {
    throw new Error(`Host page markup: ${APP_URL_SLOT} or ${STATE_SLOT} is missing.`);
  }
  // Functions as replacements: a `$` in a value must stay literal.
  return html
    .replace(APP_URL_SLOT, () => escapeAttribute(state.appUrl))
    .replace(STATE_SLOT, () => inlineJson(state));
}
