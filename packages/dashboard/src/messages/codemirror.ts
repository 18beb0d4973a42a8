import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { html } from '@codemirror/lang-html';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';

/**
 * CodeMirror 6 set up for message HTML: highlighting, line numbers, history, bracket matching.
 * Loaded on demand (the editor is the biggest part of the dashboard). Tab is left to the
 * browser, so keyboard users can move on; Escape then Tab also works in CodeMirror.
 */
export function createHtmlEditor(options: {
  parent: HTMLElement;
  doc: string;
  onChange: (doc: string) => void;
  attributes: Record<string, string>;
}): EditorView {
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        html(),
        EditorView.lineWrapping,
        ...(cspNonce() ? [EditorView.cspNonce.of(cspNonce()!)] : []),
        EditorView.contentAttributes.of(options.attributes),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

/**
 * The nonce the server allows <style> elements with (its CSP has no 'unsafe-inline'): CodeMirror
 * writes its base theme into one.
 */
function cspNonce(): string | undefined {
  const nonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
  return nonce && !nonce.startsWith('__') ? nonce : undefined;
}

/** Replaces the whole document when it differs from `doc` (a template, another step). */
export function setDoc(view: EditorView, doc: string): void {
  if (view.state.doc.toString() === doc) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
}
