import { type FormEvent, useState } from 'react';
import { get, seg } from '../api/client.js';
import type { PersonSummary } from '../api/types.js';
import { ErrorAlert, formatDateTime, Loading, PageHeader } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, navigate, useLocation, useTitle } from '../router.js';

/** Finds people by userId, email or anonymous ID; without a query, the most recently seen. */
export function PeoplePage({ ws }: { ws: string }) {
  useTitle('People');
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const [input, setInput] = useState(q);
  const results = useAsync(
    () =>
      get<{ data: PersonSummary[] }>(
        `/workspaces/${seg(ws)}/people?${new URLSearchParams({ q, limit: '50' })}`,
      ),
    [ws, q],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = input.trim();
    navigate(value ? `/w/${ws}/people?q=${encodeURIComponent(value)}` : `/w/${ws}/people`, {
      replace: true,
    });
  };
  const people = results.data?.data ?? [];

  return (
    <>
      <PageHeader
        title="People"
        subtitle="Everyone your site has identified, and the anonymous visitors merged into them."
      />
      <form className="section row" role="search" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="people-search">Search by userId, email or anonymous ID</label>
          <input
            id="people-search"
            type="search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="user_123, ada@example.com…"
          />
        </div>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
      </form>
      <div style={{ marginTop: 16 }}>
        {results.error ? <ErrorAlert error={results.error} title="Search failed" /> : null}
        {results.loading && !results.data ? <Loading /> : null}
        {results.data && (
          <p className="small muted" role="status">
            {q
              ? `${people.length} ${people.length === 1 ? 'person matches' : 'people match'} “${q}”.`
              : people.length
                ? 'Most recently seen.'
                : ''}
          </p>
        )}
        {results.data && people.length === 0 && (
          <div className="card empty">
            <h2>{q ? 'Nobody found' : 'Nobody yet'}</h2>
            {q ? (
              <p>
                No identified person matches. If “{q}” is an anonymous visitor’s ID,{' '}
                <Link href={`/w/${ws}/anonymous/${seg(q)}`}>see that visitor’s activity</Link>.
              </p>
            ) : (
              <p>People appear here once your site calls identify().</p>
            )}
          </div>
        )}
        {people.length > 0 && (
          <div className="card table-wrap">
            <table className="stacked-table">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Email</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.userId}>
                    <td>
                      <Link className="cell-title" href={`/w/${ws}/people/${seg(p.userId)}`}>
                        {p.userId}
                      </Link>
                      {typeof p.traits.name === 'string' && (
                        <div className="cell-sub">{p.traits.name}</div>
                      )}
                    </td>
                    <td data-label="Email">{p.email ?? <span className="faint">–</span>}</td>
                    <td data-label="Last seen">{formatDateTime(p.lastSeenAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
