import type { ConditionGroup } from '../api/types.js';
import { useMessageNames } from '../components/interactions.js';
import { describeCondition } from './conditions.js';

/** A segment's conditions in words, groups as nested lists. */
export function ConditionsSummary({ group }: { group: ConditionGroup }) {
  const names = useMessageNames();
  if (group.conditions.length === 0) return <p className="muted">No conditions: nobody matches.</p>;
  return (
    <div className="summary">
      <span>{group.match === 'all' ? 'All of:' : 'Any of:'}</span>
      <ul>
        {group.conditions.map((item, i) => (
          <li key={i}>
            {'match' in item ? <ConditionsSummary group={item} /> : describeCondition(item, names)}
          </li>
        ))}
      </ul>
    </div>
  );
}
