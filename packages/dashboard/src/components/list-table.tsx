import type { ReactNode } from 'react';
import { Link } from '../router.js';

/** A table with a row per item, stacked into cards on phones (each cell shows its data-label). */
export function ListTable(props: {
  /** The column headers: <th scope="col">s. */
  heads: ReactNode;
  /** The rows. */
  children: ReactNode;
  /** False inside a section that is a card already. */
  card?: boolean;
}) {
  return (
    <div className={props.card === false ? 'table-wrap' : 'card table-wrap'}>
      <table className="stacked-table">
        <thead>
          <tr>{props.heads}</tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A row's first cell: the item's name, linking to its page, and a line about it below. */
export function TitleCell(props: { href: string; title: ReactNode; sub?: ReactNode }) {
  return (
    <td>
      <Link className="cell-title" href={props.href}>
        {props.title}
      </Link>
      {props.sub === undefined ? null : <div className="cell-sub">{props.sub}</div>}
    </td>
  );
}
