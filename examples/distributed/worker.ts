// examples/distributed/worker.ts: a worker that also answers function passes by their workerKey
// (`run(table, { worker: shout, workerKey: 'shout', ... })` on the coordinator).
import { startWorker } from 'swarm/distributed';

const worker = await startWorker({
  redis: process.env.SWARM_REDIS_URL ?? 'redis://127.0.0.1:6379',
  concurrency: 32,
  functions: {
    shout: async (row) => ({ label: String(row.text).toUpperCase() }),
  },
  log: (message) => console.error(message),
});
console.error(`worker ${worker.id} answering; Ctrl-C to stop`);
process.once('SIGINT', () => void worker.close());
