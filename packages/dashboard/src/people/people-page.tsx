import { type FormEvent, useState } from 'react';
import { get, seg } from '../api/client.js';
import type { PersonSummary } from '../api/types.js';
import { EmptyState } from '../components/empty-state.js';
import { PeopleTable } from '../components/people-table.js';
import { ErrorAlert, Loading, PageHeader } from '../components/ui.js';
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
          <EmptyState title={q ? 'Nobody found' : 'Nobody yet'}>
            {q ? (
              <>
                No identified person matches. If “{q}” is an anonymous visitor’s ID,{' '}
                <Link href={`/w/${ws}/anonymous/${seg(q)}`}>see that visitor’s activity</Link>.
              </>
            ) : (
              'People appear here once your site calls identify().'
            )}
          </EmptyState>
        )}
        {people.length > 0 && (
          <PeopleTable
            ws={ws}
            people={people}
            time={{ label: 'Last seen', of: (p) => p.lastSeenAt }}
            sub={(p) => (typeof p.traits.name === 'string' ? p.traits.name : undefined)}
          />
        )}
      </div>
    </>
  );
}
