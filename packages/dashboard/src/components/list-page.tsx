import type { ReactNode } from 'react';
import { Link } from '../router.js';
import { ListTable } from './list-table.js';
import { ErrorAlert, Loading, PageHeader } from './ui.js';

/**
 * A page listing a workspace's messages, segments, broadcasts or campaigns: the header with the
 * button that creates one, the load error, "Loading…" until there is something to show, then
 * the empty state when there is nothing, else a table with a row per item.
 */
export function ListPage<T>(props: {
  title: string;
  subtitle: string;
  /** The button that creates one. */
  create: { href: string; label: string };
  /** Between the header and the list, e.g. filters. */
  above?: ReactNode;
  error: unknown;
  /** Above the error: `Could not load broadcasts`. */
  errorTitle: string;
  loading: boolean;
  /** Undefined until loaded. */
  items: T[] | undefined;
  /** Shown when `items` is empty: an <EmptyState>. */
  empty: ReactNode;
  /** The column headers: <th scope="col">s. */
  heads: ReactNode;
  /** An item's <tr>, with its key. */
  row: (item: T) => ReactNode;
}) {
  const { items } = props;
  return (
    <>
      <PageHeader
        title={props.title}
        subtitle={props.subtitle}
        actions={
          <Link className="btn btn-primary" href={props.create.href}>
            {props.create.label}
          </Link>
        }
      />
      {props.above}
      {props.error ? <ErrorAlert error={props.error} title={props.errorTitle} /> : null}
      {props.loading ? <Loading /> : null}
      {items && items.length === 0 ? props.empty : null}
      {items && items.length > 0 && (
        <ListTable heads={props.heads}>{items.map((item) => props.row(item))}</ListTable>
      )}
    </>
  );
}
