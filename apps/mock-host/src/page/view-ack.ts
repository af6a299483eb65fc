import type { View } from '../shared/contract.ts';
import type { EventOutcome } from './sdk-bridge.ts';

const VIEW_LABELS: Record<View, string> = { team: 'Team', my_view: 'My view' };

export function viewLabel(view: View): string {
  return VIEW_LABELS[view];
}

/** The dev panel's line for the app's answer to a ChangeView. */
export function describeAck(view: View, outcome: EventOutcome, timeoutMs: number): string {
  const sent = `ChangeView to ${viewLabel(view)}`;
  if (!outcome.acked) return `${sent}: no ack within ${timeoutMs / 1000} s.`;
  const { status, data } = outcome.ack;
  const parts = [`status ${status === undefined ? 'not given' : String(status)}`];
  if (data !== undefined)
    parts.push(`data ${typeof data === 'string' ? data : JSON.stringify(data)}`);
  return `${sent}: acked, ${parts.join(', ')}.`;
}
