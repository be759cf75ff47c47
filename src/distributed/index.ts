/**
 * `swarm/distributed`: passes, task-file jobs and (later) plans run on `swarm worker` processes
 * through BullMQ on Redis. Behind its own import path: the package root loads neither BullMQ nor
 * ioredis.
 */
export { bullmqBackend, type BullmqBackend, type BullmqBackendOptions } from './coordinator/bullmq-backend.ts';
export { startWorker, type StartWorkerOptions, type RunningWorker } from './worker/start-worker.ts';
export type { WorkerHeartbeat } from './worker-heartbeat.ts';
export { readDistributedStatus, type DistributedStatus, type WorkerStatus, type SharedLimiterStatus } from './status/read-distributed-status.ts';
