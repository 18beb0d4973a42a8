import { describe, expect, it } from 'vitest';
import { newDraft } from '../draft.js';
import { deliveredOf, describeDisplay, displayOfStep } from './delivered.js';

describe('deliveredOf', () => {
  it('turns a draft into the object the SDK renders, showing on any page', () => {
    const draft = newDraft();
    draft.display = { type: 'overlay', position: 'bottom-right' };
    draft.steps.push({
      name: 'thanks',
      html: '<p>Thanks</p>',
      display: { type: 'modal', position: 'top' },
    });
    const message = deliveredOf(draft, 'msg_1');
    expect(message).toMatchObject({
      id: 'msg_1',
      test: true,
      pageRules: { include: [], exclude: [] },
      state: { views: 0, dismissed: false },
      display: { type: 'overlay', position: 'bottom-right' },
    });
    expect(message.steps.map((s) => s.name)).toEqual(['main', 'thanks']);
    expect(displayOfStep(message, 0)).toEqual({ type: 'overlay', position: 'bottom-right' });
    expect(displayOfStep(message, 1)).toEqual({ type: 'modal', position: 'top' });
  });

  it('describes a display in words', () => {
    expect(describeDisplay({ type: 'overlay', position: 'bottom-right' })).toBe(
      'Overlay, bottom right',
    );
    expect(describeDisplay({ type: 'inline', selector: '#plans' })).toBe('Inline, #plans');
    expect(describeDisplay({ type: 'modal' })).toBe('Modal');
  });
});
