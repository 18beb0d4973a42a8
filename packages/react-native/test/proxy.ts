import { createServer, type Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of the Herald server that can go offline: while offline it drops every
 * connection at once, as a phone without network does, so the SDK sees real network errors.
 */
export async function startProxy(target: string) {
  const { hostname, port } = new URL(target);
  let online = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!online) return void client.destroy();
    const upstream = new Socket();
    upstream.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    /** Drops the open connections and refuses new ones. */
    offline() {
      online = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    online() {
      online = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
