/**
 * The baseline for bench/ingest.ts: the cheapest server that still does what every `/v1/batch`
 * request costs Herald before it touches the database. Same framework (Fastify, from the
 * workspace's node_modules), same JSON parser for `text/plain` and `application/json` (the one
 * Herald installs in http/body-parsers.ts), same 500 KB body limit; then a constant answer.
 *
 * Run by the benchmark as `node --import tsx bench/support/bare-server.ts` with PORT and HOST.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.addContentTypeParser(
  'text/plain',
  { parseAs: 'string' },
  app.getDefaultJsonParser('error', 'error'),
);

const OK = { success: true } as const;
app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/v1/batch', { bodyLimit: 500 * 1024 }, async () => OK);

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
