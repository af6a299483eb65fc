import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../src/api.ts';
import { StaffCard } from '../../src/components/StaffCard.tsx';
import { createContextStore } from '../../src/platform/context.ts';
import { renderWithSWR } from '../support/render.tsx';
import { platformUser } from '../support/sdk.ts';

const ME: Me = {
  staff: { uid: 'staff-1' },
  business: { uid: 'business-1' },
  app: 'partner-app',
  expires_at: '2999-01-01T00:00:00.000Z',
};

describe('StaffCard', () => {
  it('shows the staff member and the business', () => {
    render(<StaffCard me={ME} />);
    expect(screen.getByTestId('staff-uid').textContent).toBe('staff-1');
    expect(screen.getByTestId('business-uid').textContent).toBe('business-1');
  });

  it('shows a dash when the token names no business', () => {
    const { business: _business, ...withoutBusiness } = ME;
    render(<StaffCard me={withoutBusiness} />);
    expect(screen.getByTestId('business-uid').textContent).toBe('—');
  });

  it('has no impersonation row when there is no actor', () => {
    render(<StaffCard me={ME} />);
    expect(screen.queryByText('Acting on their behalf')).toBeNull();
    expect(screen.queryByTestId('actor-uid')).toBeNull();
  });

  it('has no impersonation row when the staff member acts for themselves', () => {
    render(<StaffCard me={{ ...ME, actor: { uid: 'staff-1', type: 'staff' } }} />);
    expect(screen.queryByText('Acting on their behalf')).toBeNull();
    expect(screen.queryByTestId('actor-uid')).toBeNull();
  });

  it('shows who is acting when someone else acts on the staff member’s behalf', () => {
    render(<StaffCard me={{ ...ME, actor: { uid: 'support-7', type: 'support' } }} />);
    expect(screen.getByText('Acting on their behalf')).toBeDefined();
    expect(screen.getByTestId('actor-uid').textContent).toBe('support-7');
    expect(screen.getByTestId('staff-uid').textContent).toBe('staff-1');
  });

  it('shows when the token expires in the platform’s language', () => {
    const store = createContextStore();
    store.update({
      user: platformUser({ language: 'he' }),
    });
    renderWithSWR(<StaffCard me={ME} />, {}, store);
    const time = screen.getByTestId('token-expiry').querySelector('time');
    expect(time?.getAttribute('datetime')).toBe(ME.expires_at);
    expect(time?.textContent).toBe(
      new Intl.DateTimeFormat('he', { timeStyle: 'medium' }).format(new Date(ME.expires_at)),
    );
  });
});
