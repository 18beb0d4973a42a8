import { seg } from '../api/client.js';
import { ListTable, TitleCell } from './list-table.js';
import { formatDateTime } from './ui.js';

/** People, each one's userId linking to their profile, with their email and a time. */
export function PeopleTable<T extends { userId: string; email: string | null }>(props: {
  ws: string;
  people: T[];
  /** The time column: its heading (`Last seen`, `Joined`) and a person's time. */
  time: { label: string; of: (person: T) => string | null };
  /** A line below the userId. */
  sub?: (person: T) => string | undefined;
  /** False inside a section that is a card already. */
  card?: boolean;
}) {
  const { ws, time } = props;
  return (
    <ListTable
      card={props.card}
      heads={
        <>
          <th scope="col">Person</th>
          <th scope="col">Email</th>
          <th scope="col">{time.label}</th>
        </>
      }
    >
      {props.people.map((p) => (
        <tr key={p.userId}>
          <TitleCell
            href={`/w/${ws}/people/${seg(p.userId)}`}
            title={p.userId}
            sub={props.sub?.(p)}
          />
          <td data-label="Email">{p.email ?? <span className="faint">–</span>}</td>
          <td data-label={time.label}>{formatDateTime(time.of(p))}</td>
        </tr>
      ))}
    </ListTable>
  );
}
