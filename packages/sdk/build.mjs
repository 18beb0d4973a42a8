// Builds the browser SDK with esbuild (type declarations come from `tsc -b`, run before this):
//   dist/herald.js       minified IIFE, served by the Herald server at /sdk/herald.js
//   dist/index.js        ESM build for sites that bundle (`import { createHerald } from '@herald/sdk'`)
//   dist/snippet.min.js  the snippet for the README, and its readable source dist/snippet.js
//   dist/frame.html, dist/frame.js  the sandboxed document messages are shown in (/sdk/frame.html)
//   dist/inbox.js        the inbox's launcher, an ES module herald.js imports on demand (/sdk/inbox.js)
//   dist/herald-core.js  the analytics core alone, for the size test's core budget (not served)
// Files are written to a temporary name and renamed, so a server or test reading dist/ while a
// build runs never sees half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
/** Where the snippet loads herald.js from; sites replace it with their Herald server. */
export const SNIPPET_HOST = 'https://herald.example.com';

const common = {
  bundle: true,
  write: false,
  target: 'es2020',
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
  // `@herald/protocol` is private: bundle its (tiny, pure) source rather than expect a package.
  alias: { '@herald/protocol': join(root, '../protocol/src/index.ts') },
};

/** The site's first calls, inside the snippet so that a second copy skips them too. */
export const SNIPPET_SETUP = '\n  herald.load("WRITE_KEY");\n  herald.page();\n';
const snippetEntry = `import { snippet } from './snippet.ts';
snippet(window, document, 'herald', '${SNIPPET_HOST}', function () { ${SNIPPET_SETUP} });`;

/** Builds every output into memory; answers `{ [fileName]: contents }`. */
export async function bundle() {
  const outputs = {};
  const collect = (result) => {
    for (const file of result.outputFiles) outputs[file.path.slice(dist.length + 1)] = file.text;
  };
  collect(
    await esbuild.build({
      ...common,
      entryPoints: {
        herald: join(root, 'src/browser.ts'),
        'herald-core': join(root, 'src/browser-core.ts'),
        frame: join(root, 'src/frame/frame.ts'),
      },
      outdir: dist,
      format: 'iife',
      minify: true,
    }),
  );
  outputs['frame.html'] = readFileSync(join(root, 'src/frame/frame.html'), 'utf8');
  collect(
    await esbuild.build({
      ...common,
      entryPoints: { inbox: join(root, 'src/inbox/launcher.ts') },
      outdir: dist,
      format: 'esm',
      minify: true,
    }),
  );
  collect(
    await esbuild.build({
      ...common,
      entryPoints: { index: join(root, 'src/index.ts') },
      outdir: dist,
      format: 'esm',
      sourcemap: true,
    }),
  );
  for (const minify of [true, false]) {
    collect(
      await esbuild.build({
        ...common,
        stdin: { contents: snippetEntry, resolveDir: join(root, 'src/snippet'), loader: 'ts' },
        outfile: join(dist, minify ? 'snippet.min.js' : 'snippet.js'),
        format: 'iife',
        minify,
      }),
    );
  }
  // Minified, but with the calls sites edit on lines of their own.
  const minified = 'function(){herald.load("WRITE_KEY"),herald.page()}';
  if (!outputs['snippet.min.js'].includes(minified)) {
    throw new Error(`dist/snippet.min.js no longer contains ${minified}: update build.mjs`);
  }
  outputs['snippet.min.js'] = outputs['snippet.min.js']
    .trim()
    .replace(minified, `function(){${SNIPPET_SETUP}}`);
  return outputs;
}

/** Builds and writes dist/. */
export async function build() {
  mkdirSync(dist, { recursive: true });
  const outputs = await bundle();
  for (const [name, text] of Object.entries(outputs)) {
    const file = join(dist, name);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }
  return outputs;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outputs = await build();
  const { gzipSync } = await import('node:zlib');
  const size = gzipSync(outputs['herald.js'], { level: 9 }).length;
  process.stdout.write(
    `@herald/sdk: dist/herald.js ${outputs['herald.js'].length} B, ${size} B gzipped\n`,
  );
}
