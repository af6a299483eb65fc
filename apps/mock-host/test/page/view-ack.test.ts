import { describe, expect, it } from 'vitest';
import { describeAck } from '../../src/page/view-ack.ts';

describe('describeAck', () => {
  it('shows the ack with its status and data', () => {
    const outcome = { acked: true as const, ack: { status: true, data: { view: 'team' } } };
    expect(describeAck('team', outcome, 3000)).toBe(
      'ChangeView to Team: acked, status true, data {"view":"team"}.',
    );
    expect(describeAck('my_view', { acked: true, ack: { data: 'ok' } }, 3000)).toBe(
      'ChangeView to My view: acked, status not given, data ok.',
    );
  });

  it('says "no ack" after the wait', () => {
    expect(describeAck('my_view', { acked: false }, 3000)).toBe(
      'ChangeView to My view: no ack within 3 s.',
    );
  });
});
