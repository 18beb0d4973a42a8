import { describe, expect, it } from 'vitest';
import { buildSnippet } from './snippet.js';

describe('buildSnippet', () => {
  it('fills in the write key and this server, and asks for anonymous messages when on', () => {
    const snippet = buildSnippet({
      stub: 'd("https://herald.example.com",function(){\n  herald.load("WRITE_KEY");\n  herald.page();\n});\n',
      origin: 'https://herald.acme.com',
      writeKey: 'wk_123',
      anonymous: true,
    });
    expect(snippet).toBe(
      [
        '<script>',
        'd("https://herald.acme.com",function(){',
        '  herald.load("wk_123", { integrations: { "In-App": { anonymousInApp: true } } });',
        '  herald.page();',
        '});',
        '</script>',
      ].join('\n'),
    );
  });

  it('appends the calls to a stub without setup, and falls back to a script tag without one', () => {
    const bare = buildSnippet({
      stub: 'stub();',
      origin: 'http://h',
      writeKey: 'wk_1',
      anonymous: false,
    });
    expect(bare).toBe('<script>\nstub();\nherald.load("wk_1");\nherald.page();\n</script>');
    const tag = buildSnippet({
      stub: undefined,
      origin: 'http://h',
      writeKey: 'wk_1',
      anonymous: false,
    });
    expect(tag).toContain('<script src="http://h/sdk/herald.js"></script>');
    expect(tag).toContain('herald.load("wk_1");');
  });
});
