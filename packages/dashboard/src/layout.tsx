import type { ReactNode } from 'react';
import type { Workspace } from './api/types.js';
import { Link, navigate, useLocation } from './router.js';

/** The frame around every signed-in screen: the left nav (a top bar on narrow screens). */
export function Layout(props: {
  user: { email: string };
  workspaces: Workspace[];
  current: Workspace | undefined;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const { path } = useLocation();
  const ws = props.current?.id;
  const section = (name: string) =>
    ws && path.startsWith(`/w/${ws}/${name}`) ? 'page' : undefined;
  const anonymousSection = ws && path.startsWith(`/w/${ws}/anonymous`) ? 'page' : undefined;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <img src="/favicon.svg" alt="" /> Herald
        </div>
        <div className="workspace-switcher">
          <label htmlFor="workspace-select">Workspace</label>
          <select
            id="workspace-select"
            value={ws ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              if (value === '__new') navigate('/workspaces/new');
              else if (value) navigate(`/w/${value}/messages`);
            }}
          >
            {!ws && <option value="">Choose a workspace</option>}
            {props.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
            <option value="__new">+ New workspace…</option>
          </select>
        </div>
        {ws && (
          <nav className="nav" aria-label="Main">
            <Link href={`/w/${ws}/messages`} aria-current={section('messages')}>
              <span className="nav-icon" aria-hidden="true">
                ✉
              </span>{' '}
              Messages
            </Link>
            <Link href={`/w/${ws}/segments`} aria-current={section('segments')}>
              <span className="nav-icon" aria-hidden="true">
                ◎
              </span>{' '}
              Segments
            </Link>
            <Link href={`/w/${ws}/broadcasts`} aria-current={section('broadcasts')}>
              <span className="nav-icon" aria-hidden="true">
                ⇶
              </span>{' '}
              Broadcasts
            </Link>
            <Link href={`/w/${ws}/campaigns`} aria-current={section('campaigns')}>
              <span className="nav-icon" aria-hidden="true">
                ↯
              </span>{' '}
              Campaigns
            </Link>
            <Link href={`/w/${ws}/people`} aria-current={section('people') ?? anonymousSection}>
              <span className="nav-icon" aria-hidden="true">
                ☺
              </span>{' '}
              People
            </Link>
            <Link href={`/w/${ws}/settings`} aria-current={section('settings')}>
              <span className="nav-icon" aria-hidden="true">
                ⚙
              </span>{' '}
              Settings
            </Link>
          </nav>
        )}
        <div className="sidebar-footer">
          <span className="user" title={props.user.email}>
            {props.user.email}
          </span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        <div className="page">{props.children}</div>
      </main>
    </div>
  );
}
