/**
 * The baseline for bench/delivery.ts: a plain Fastify server answering the same delivery JSON
 * that Herald answered (read once from BENCH_PAYLOAD_FILE, serialised per request as Herald does),
 * and a 304 route that compares If-None-Match with a constant.
 *
 * Run by the benchmark as `node --import tsx bench/support/bare-delivery-server.ts`.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const payload: unknown = JSON.parse(readFileSync(process.env.BENCH_PAYLOAD_FILE ?? '', 'utf8'));
const ETAG = '"bench"';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
app.get('/full', async () => payload);
app.get('/etag', async (request, reply) => {
  reply.header('etag', ETAG);
  if (request.headers['if-none-match'] === ETAG) return reply.code(304).send();
  return payload;
});

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
