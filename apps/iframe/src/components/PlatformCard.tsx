import type { PlatformContext } from '../platform/context.ts';

const VIEW_LABELS = { team: 'Team', my_view: 'My view' } as const;

/** What the platform says about where the app runs: context, shown as such. */
export function PlatformCard({ context }: { context: PlatformContext }) {
  const { user, state, view, error } = context;
  return (
    <section className="card" aria-labelledby="platform-title">
      <h2 id="platform-title">Platform</h2>
      <dl>
        <dt>View</dt>
        <dd data-testid="platform-view">{VIEW_LABELS[view]}</dd>
        <dt>Language</dt>
        <dd data-testid="platform-language">{user?.language ?? '—'}</dd>
        <dt>Brand host</dt>
        <dd data-testid="platform-brand-host">
          <bdi>{user?.brandHost ?? '—'}</bdi>
        </dd>
        <dt>Host</dt>
        <dd data-testid="platform-host">
          {state ? (
            <bdi>
              {state.hostName} ({state.hostType}), {state.state}
            </bdi>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      {error ? (
        <p className="muted" data-testid="platform-context-error">
          The platform did not describe itself ({'code' in error ? String(error.code) : 'error'}
          ): defaults apply.
        </p>
      ) : null}
    </section>
  );
}
