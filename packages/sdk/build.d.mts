/** Where the snippet loads herald.js from in dist/snippet.min.js; sites replace it. */
export const SNIPPET_HOST: string;
/** The site's first calls in dist/snippet.min.js, as `function(){<setup>}`: sites edit them. */
export const SNIPPET_SETUP: string;
/** Builds every output of dist/ into memory: `{ 'herald.js': '…', … }`. */
export function bundle(): Promise<Record<string, string>>;
/** Builds and writes dist/ (each file atomically). */
export function build(): Promise<Record<string, string>>;
