import { controlOf, FieldError } from '../components/form-error.js';
import { fieldId } from '../components/ui.js';
import type { ErrorFor } from '../messages/draft.js';
import { ConditionRow } from './condition-row.js';
import {
  type GroupDraft,
  isGroupDraft,
  type ItemDraft,
  MAX_DEPTH,
  newEvent,
  newGroup,
  newTrait,
} from './conditions.js';

/**
 * The conditions of a segment: a group whose conditions all (AND) or any (OR) must hold; a group
 * may hold groups, as deep as the server allows.
 */
export function ConditionsBuilder(props: {
  group: GroupDraft;
  err: ErrorFor;
  onChange: (group: GroupDraft) => void;
}) {
  return (
    <GroupEditor
      group={props.group}
      path="conditions"
      label=""
      depth={1}
      err={props.err}
      onChange={props.onChange}
    />
  );
}

function GroupEditor(props: {
  group: GroupDraft;
  path: string;
  /** Empty for the root; `3` for the root's third item, `3.2` inside it. */
  label: string;
  depth: number;
  err: ErrorFor;
  onChange: (group: GroupDraft) => void;
  onRemove?: () => void;
}) {
  const { group, path, label, depth, err } = props;
  const setItems = (conditions: ItemDraft[]) => props.onChange({ ...group, conditions });
  const replace = (index: number, item: ItemDraft) =>
    setItems(group.conditions.map((c, i) => (i === index ? item : c)));
  const remove = (index: number) => setItems(group.conditions.filter((_, i) => i !== index));
  const add = (item: ItemDraft) => setItems([...group.conditions, item]);
  const joiner = group.match === 'all' ? 'and' : 'or';
  const matchError = err(`${path}.match`);
  const listError = err(`${path}.conditions`);
  const suffix = label ? ` to group ${label}` : '';
  const item = (index: number) => (label ? `${label}.${index + 1}` : `${index + 1}`);

  return (
    <div
      className={label ? 'cond-group nested' : 'cond-group'}
      role="group"
      aria-label={label ? `Group ${label}` : 'Conditions'}
    >
      <div className="row nowrap cond-group-head">
        <span className="small">People who match</span>
        <select
          {...controlOf(`${path}.match`, matchError)}
          aria-label={label ? `Group ${label}: match` : 'Match'}
          className="match-select"
          value={group.match}
          onChange={(e) => props.onChange({ ...group, match: e.target.value as 'all' | 'any' })}
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        <span className="small">of {label ? 'these' : 'the following'}</span>
        {props.onRemove && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            style={{ marginLeft: 'auto' }}
            onClick={props.onRemove}
          >
            Remove group {label}
          </button>
        )}
      </div>
      <FieldError path={`${path}.match`} error={matchError} />
      {group.conditions.length === 0 && (
        <p className="small muted" style={{ margin: 0 }}>
          An empty group matches nobody: add a condition.
        </p>
      )}
      <ol className="cond-list">
        {group.conditions.map((c, index) => (
          <li key={index}>
            {index > 0 && (
              <span className="joiner" aria-hidden="true">
                {joiner}
              </span>
            )}
            {isGroupDraft(c) ? (
              <GroupEditor
                group={c}
                path={`${path}.conditions.${index}`}
                label={item(index)}
                depth={depth + 1}
                err={err}
                onChange={(next) => replace(index, next)}
                onRemove={() => remove(index)}
              />
            ) : (
              <ConditionRow
                condition={c}
                path={`${path}.conditions.${index}`}
                label={item(index)}
                err={err}
                onChange={(next) => replace(index, next)}
                onRemove={() => remove(index)}
              />
            )}
          </li>
        ))}
      </ol>
      <FieldError path={`${path}.conditions`} error={listError} />
      <div className="row">
        <button
          type="button"
          className="btn btn-sm"
          id={fieldId(`${path}.conditions`)}
          aria-describedby={listError ? `${fieldId(`${path}.conditions`)}-error` : undefined}
          onClick={() => add(newTrait())}
        >
          + Trait condition<span className="visually-hidden">{suffix}</span>
        </button>
        <button type="button" className="btn btn-sm" onClick={() => add(newEvent())}>
          + Event condition<span className="visually-hidden">{suffix}</span>
        </button>
        {depth < MAX_DEPTH && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => add(newGroup(group.match === 'all' ? 'any' : 'all'))}
          >
            + Group<span className="visually-hidden">{suffix}</span>
          </button>
        )}
      </div>
    </div>
  );
}
