import { HostError, NotEmbeddedError } from '@intandem/sdk';
import { ApiError } from '@partner/auth/client';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorNotice } from '../../src/components/ErrorNotice.tsx';

function apiError(code: string, message: string): ApiError {
  return new ApiError({ status: 401, code, retryable: false, message });
}

function renderNotice(error: Error) {
  render(<ErrorNotice error={error} title="Something failed" />);
  const alert = screen.getByRole('alert');
  return {
    alert,
    code: within(alert).getByTestId('error-code').textContent,
  };
}

describe('ErrorNotice', () => {
  it('shows the title, the API code and the explanation of a known code', () => {
    const { alert, code } = renderNotice(apiError('token_expired', 'jwt expired at 12:00'));
    expect(within(alert).getByText('Something failed')).toBeDefined();
    expect(code).toBe('token_expired');
    expect(within(alert).getByText('Your session token has expired.')).toBeDefined();
    // The explanation replaces the API's technical message.
    expect(within(alert).queryByText('jwt expired at 12:00')).toBeNull();
  });

  it.each([
    ['invalid_audience', 'The token was issued for another app.'],
    ['jwks_unavailable', 'The platform keys could not be fetched. Try again shortly.'],
    ['missing_token', 'No token was sent.'],
  ])('explains %s', (errorCode, explanation) => {
    const { alert, code } = renderNotice(apiError(errorCode, 'raw message'));
    expect(code).toBe(errorCode);
    expect(within(alert).getByText(explanation)).toBeDefined();
  });

  it('shows the raw message for a code it does not know', () => {
    const { alert, code } = renderNotice(
      apiError('business_suspended', 'This business is paused.'),
    );
    expect(code).toBe('business_suspended');
    expect(within(alert).getByText('This business is paused.')).toBeDefined();
  });

  it('uses the code of an SDK error too', () => {
    const { alert, code } = renderNotice(new HostError('rate_limited', 'Slow down', 429));
    expect(code).toBe('rate_limited');
    expect(
      within(alert).getByText('Too many token requests. Wait a moment and reload.'),
    ).toBeDefined();
  });

  it('shows the message of an SDK error whose own message is the explanation', () => {
    const error = new NotEmbeddedError();
    const { alert, code } = renderNotice(error);
    expect(code).toBe('not_embedded');
    expect(within(alert).getByText(error.message)).toBeDefined();
  });

  it('falls back to the code "error" and the message for a plain Error', () => {
    const { alert, code } = renderNotice(new TypeError('Failed to fetch'));
    expect(code).toBe('error');
    expect(within(alert).getByText('Failed to fetch')).toBeDefined();
  });
});
