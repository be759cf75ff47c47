import { useEffect, useState } from 'preact/hooks';
import { CostView } from './cost/cost-view.tsx';
import { PlansView } from './plans/plans-view.tsx';
import { RunsView } from './runs/runs-view.tsx';
import { api, ApiError, onSignedOut } from './shared/api.ts';
import { href, useRoute } from './shared/route.ts';
import { SignIn } from './sign-in.tsx';
import { TablesView } from './tables/tables-view.tsx';

const views = [
  { name: 'runs', label: 'Runs' },
  { name: 'tables', label: 'Tables' },
  { name: 'plans', label: 'Plans' },
  { name: 'cost', label: 'Cost' },
];

/** The dashboard: a sign-in message until the daemon accepts the page's cookie, then the four views. */
export function App() {
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    api('/status').then(
      () => setSignedIn(true),
      (error: unknown) => setSignedIn(error instanceof ApiError && error.status === 401 ? false : true),
    );
    return onSignedOut(() => setSignedIn(false));
  }, []);
  if (signedIn === undefined) return <p class="loading">Loading…</p>;
  if (!signedIn) return <SignIn />;
  const [view = 'runs', ...rest] = route;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <h1>Swarm</h1>
        <nav aria-label="Views">
          {views.map(({ name, label }) => (
            <a href={href(name)} aria-current={view === name ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {view === 'runs' && <RunsView selected={rest[0]} />}
        {view === 'tables' && <TablesView tableId={rest[0]} rowId={rest[1] === 'rows' ? rest[2] : undefined} />}
        {view === 'plans' && <PlansView planRunId={rest[0]} taskId={rest[1]} />}
        {view === 'cost' && <CostView />}
      </main>
    </>
  );
}
