import { get, seg } from '../api/client.js';
import { ErrorAlert, PageHeader } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, useTitle } from '../router.js';
import { ActivityLog } from './activity.js';

/** An anonymous visitor: their activity, and the person they became, if any. */
export function AnonymousPage({ ws, anonymousId }: { ws: string; anonymousId: string }) {
  useTitle(`Anonymous ${anonymousId}`);
  const base = `/workspaces/${seg(ws)}/anonymous/${seg(anonymousId)}`;
  const visitor = useAsync(() => get<{ anonymousId: string; userId: string | null }>(base), [base]);
  return (
    <>
      <PageHeader
        crumb={<Link href={`/w/${ws}/people`}>← People</Link>}
        title="Anonymous visitor"
        subtitle={<code>{anonymousId}</code>}
      />
      {visitor.error ? <ErrorAlert error={visitor.error} /> : null}
      {visitor.data?.userId && (
        <div className="alert alert-info" style={{ marginBottom: 16 }}>
          This visitor was identified as{' '}
          <Link href={`/w/${ws}/people/${seg(visitor.data.userId)}`}>{visitor.data.userId}</Link>.
        </div>
      )}
      <section className="section" aria-labelledby="activity-title">
        <header>
          <h2 id="activity-title">Activity</h2>
        </header>
        <ActivityLog path={`${base}/activity`} />
      </section>
    </>
  );
}
