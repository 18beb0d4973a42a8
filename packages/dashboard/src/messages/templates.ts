/**
 * Starter templates for a message step. Actions use Herald's links: `herald://close` dismisses,
 * `herald://action/<name>?value=<v>` records a click on a named button (see PRODUCT.md).
 * Styles are inline in the message HTML: it renders in its own sandboxed frame.
 */
export interface Template {
  id: string;
  label: string;
  description: string;
  html: string;
}

export const TEMPLATES: Template[] = [
  {
    id: 'modal',
    label: 'Modal with buttons',
    description: 'A heading, a sentence and two buttons.',
    html: `<div style="font-family: system-ui, sans-serif; padding: 28px; max-width: 420px;">
  <h2 style="margin: 0 0 8px; font-size: 22px;">Spring sale: 20% off</h2>
  <p style="margin: 0 0 20px; color: #4b5563;">Upgrade this week and save on every plan.</p>
  <div style="display: flex; gap: 8px;">
    <a href="herald://action/upgrade" style="background: #4f46e5; color: #fff; padding: 10px 16px; border-radius: 6px; text-decoration: none;">See plans</a>
    <a href="herald://close" style="padding: 10px 16px; color: #374151; text-decoration: none;">Not now</a>
  </div>
</div>
`,
  },
  {
    id: 'banner',
    label: 'Banner',
    description: 'One line across the page, with a link and a close button.',
    html: `<div style="font-family: system-ui, sans-serif; display: flex; align-items: center; gap: 16px; padding: 12px 16px; background: #111827; color: #fff;">
  <span style="flex: 1;">New: schedule messages by time zone.</span>
  <a href="herald://action/learn-more" style="color: #a5b4fc;">Learn more</a>
  <a href="herald://close" aria-label="Close" style="color: #fff; text-decoration: none; font-size: 18px;">×</a>
</div>
`,
  },
  {
    id: 'survey',
    label: 'One-question survey',
    description: 'A question with three answers; each answer is recorded as a click.',
    html: `<div style="font-family: system-ui, sans-serif; padding: 24px; max-width: 380px;">
  <h2 style="margin: 0 0 12px; font-size: 18px;">How did you hear about us?</h2>
  <div style="display: flex; flex-direction: column; gap: 8px;">
    <a href="herald://action/answer?value=search" style="border: 1px solid #d1d5db; border-radius: 6px; padding: 10px; color: #111827; text-decoration: none;">Search engine</a>
    <a href="herald://action/answer?value=friend" style="border: 1px solid #d1d5db; border-radius: 6px; padding: 10px; color: #111827; text-decoration: none;">A friend or colleague</a>
    <a href="herald://action/answer?value=social" style="border: 1px solid #d1d5db; border-radius: 6px; padding: 10px; color: #111827; text-decoration: none;">Social media</a>
  </div>
  <p style="margin: 12px 0 0;"><a href="herald://close" style="color: #6b7280; font-size: 13px;">Skip</a></p>
</div>
`,
  },
];
