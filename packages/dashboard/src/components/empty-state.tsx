import type { ReactNode } from 'react';
import { Link } from '../router.js';

/** What a list shows while it has nothing: what it would hold, and the button that starts it. */
export function EmptyState(props: {
  title: ReactNode;
  /** The paragraph below the title. */
  children: ReactNode;
  action?: { href: string; label: ReactNode } | undefined;
}) {
  return (
    <div className="card empty">
      <h2>{props.title}</h2>
      <p>{props.children}</p>
      {props.action && (
        <Link className="btn btn-primary" href={props.action.href}>
          {props.action.label}
        </Link>
      )}
    </div>
  );
}
