// No test framework in here: bench/ imports it too.
import { createServer } from 'node:net';

/** A port free now on 127.0.0.1 (for a server that must keep its address across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
