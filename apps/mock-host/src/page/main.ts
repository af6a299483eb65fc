import {
  type CompactJWSToken,
  HOST_SOURCE,
  type HostReply,
  isSdkRequest,
  PROTOCOL_VERSION,
  type SdkRequest,
} from '@intandem/sdk/protocol';

interface MockState {
  appUrl: string;
  appCodeName: string;
  business: { uid: string; name: string };
  staff: { uid: string; name: string };
}

const iframe = document.querySelector<HTMLIFrameElement>('#app');
const loader = document.querySelector<HTMLElement>('#loader');
const who = document.querySelector<HTMLElement>('#who');
if (!iframe || !loader || !who) throw new Error('host page markup is incomplete');

const state = (await (await fetch('/__mock/state')).json()) as MockState;
const appOrigin = new URL(state.appUrl).origin;
who.textContent = `${state.staff.name} · ${state.business.name}`;

async function answer(request: SdkRequest): Promise<unknown> {
  switch (request.type) {
    case 'init':
      return { appCodeName: state.appCodeName };
    case 'getAuth':
      return fetchToken();
    case 'ready':
      loader?.setAttribute('hidden', '');
      return null;
  }
}

async function fetchToken(): Promise<CompactJWSToken> {
  const response = await fetch('/v3/apps/compact_jws_tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_code_name: state.appCodeName }),
  });
  const body = (await response.json()) as
    | { success: true; data: CompactJWSToken }
    | { success: false; errors: { code: string; message: string }[] };
  if (!body.success) {
    const first = body.errors[0];
    throw Object.assign(new Error(first?.message ?? 'Token request failed.'), {
      code: first?.code ?? 'token_failed',
    });
  }
  return body.data;
}

window.addEventListener('message', (event) => {
  // Only the app's own frame, on the app's origin, may talk to the host.
  if (event.source !== iframe.contentWindow || event.origin !== appOrigin) return;
  if (!isSdkRequest(event.data)) return;
  const request = event.data;
  const base = { source: HOST_SOURCE, v: PROTOCOL_VERSION, id: request.id } as const;
  answer(request)
    .then(
      (result): HostReply => ({ ...base, ok: true, result }),
      (error: Error & { code?: string }): HostReply => ({
        ...base,
        ok: false,
        error: { code: error.code ?? 'host_error', message: error.message },
      }),
    )
    .then((reply) => iframe.contentWindow?.postMessage(reply, appOrigin));
});

iframe.src = state.appUrl;
iframe.hidden = false;
