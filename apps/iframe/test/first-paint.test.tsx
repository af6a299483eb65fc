import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../src/api.ts';
import { StaffCard } from '../src/components/StaffCard.tsx';
import { afterNextPaint, paintIdentity, staffCard } from '../src/first-paint.ts';
import { createContextStore } from '../src/platform/context.ts';
import { ContextStoreContext } from '../src/platform/use-platform.ts';
import { platformUser } from './support/sdk.ts';

const ME: Me = {
  staff: { uid: 'staff-1' },
  business: { uid: 'business-1' },
  app: 'partner-app',
  expires_at: '2999-01-01T10:20:30.000Z',
};

/** React's StaffCard in `language`, as markup. */
function reactCard(me: Me, language: string): string {
  const store = createContextStore();
  store.update({
    user: platformUser({ language }),
  });
  const { container } = render(
    <ContextStoreContext.Provider value={store}>
      <StaffCard me={me} />
    </ContextStoreContext.Provider>,
  );
  return container.innerHTML;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('staffCard', () => {
  it.each([
    ['a staff member', ME],
    ['someone acting for them', { ...ME, actor: { uid: 'support-7', type: 'staff' } }],
    ['no business', { staff: ME.staff, app: ME.app, expires_at: ME.expires_at }],
  ])(
    'is the markup React renders for %s, so React replaces it without a visible change',
    (_, me) => {
      expect(staffCard(me, 'he').outerHTML).toBe(reactCard(me, 'he'));
    },
  );
});

describe('paintIdentity', () => {
  it('replaces what the root held with the app header and the staff card', () => {
    const root = document.createElement('div');
    root.append(document.createElement('p'));
    paintIdentity(root, ME);
    expect(root.querySelector('main.app > header > h1')?.textContent).toBe('Partner app');
    expect(root.querySelector('[data-testid="staff-uid"]')?.textContent).toBe('staff-1');
    expect(root.querySelectorAll('p')).toHaveLength(0);
  });
});

describe('afterNextPaint', () => {
  it('resolves after a frame, or after the fallback when frames stall', async () => {
    vi.useFakeTimers();
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    const resolved = vi.fn();
    void afterNextPaint(100).then(resolved);
    await vi.advanceTimersByTimeAsync(99);
    expect(resolved).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toHaveBeenCalledOnce();
  });
});
