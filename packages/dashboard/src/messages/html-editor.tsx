import { useEffect, useRef, useState } from 'react';
import type { EditorView } from '@codemirror/view';

import type * as CodeMirror from './codemirror.js';

type CodeMirrorModule = typeof CodeMirror;

/** An HTML code editor (CodeMirror, loaded on first use) behaving like a controlled input. */
export function HtmlEditor(props: {
  id: string;
  labelledBy: string;
  describedBy?: string | undefined;
  invalid: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const module = useRef<CodeMirrorModule>(undefined);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import('./codemirror.js').then(
      (cm) => {
        if (cancelled || !host.current) return;
        module.current = cm;
        view.current = cm.createHtmlEditor({
          parent: host.current,
          doc: props.value,
          onChange: (doc) => onChange.current(doc),
          attributes: attributes(props),
        });
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = undefined;
    };
    // Created once; later values flow in through the effect below.
  }, []);

  useEffect(() => {
    if (view.current && module.current) module.current.setDoc(view.current, props.value);
  }, [props.value]);

  if (failed) {
    return (
      <div className="code-editor">
        <textarea
          id={props.id}
          aria-labelledby={props.labelledBy}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid}
          value={props.value}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </div>
    );
  }
  return <div className="code-editor" ref={host} data-testid="html-editor" />;
}

function attributes(props: {
  id: string;
  labelledBy: string;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const attrs: Record<string, string> = {
    id: props.id,
    'aria-labelledby': props.labelledBy,
    'aria-multiline': 'true',
    'aria-invalid': String(props.invalid),
  };
  if (props.describedBy) attrs['aria-describedby'] = props.describedBy;
  return attrs;
}
