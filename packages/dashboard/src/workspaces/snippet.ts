/** Where the SDK's snippet build says "load herald.js from here"; replaced by this server. */
const PLACEHOLDER_HOST = 'https://herald.example.com';
/** The load call in the SDK's built snippet (packages/sdk/build.mjs, SNIPPET_SETUP). */
const PLACEHOLDER_LOAD = 'herald.load("WRITE_KEY");';

/**
 * The snippet a site pastes into its pages, with this workspace's write key filled in. `stub` is
 * the SDK's minified snippet (served at /sdk/snippet.min.js), whose setup calls
 * `herald.load("WRITE_KEY")` then `herald.page()`; without it, the plain script tag form (which
 * also works) is offered.
 */
export function buildSnippet(options: {
  stub: string | undefined;
  origin: string;
  writeKey: string;
  anonymous: boolean;
}): string {
  const { stub, origin, writeKey, anonymous } = options;
  const key = JSON.stringify(writeKey);
  const load = anonymous
    ? `herald.load(${key}, { integrations: { "In-App": { anonymousInApp: true } } });`
    : `herald.load(${key});`;
  if (!stub) {
    return [
      `<script src="${origin}/sdk/herald.js"></script>`,
      '<script>',
      `  ${load}`,
      '  herald.page();',
      '</script>',
    ].join('\n');
  }
  let code = stub.trim().split(PLACEHOLDER_HOST).join(origin);
  code = code.includes(PLACEHOLDER_LOAD)
    ? code.replace(PLACEHOLDER_LOAD, load)
    : `${code}\n${load}\nherald.page();`;
  return ['<script>', code, '</script>'].join('\n');
}
