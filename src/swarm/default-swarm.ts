import { openSwarm, type Swarm } from './open-swarm.ts';

let shared: Swarm | undefined;

/** The store the bare `create`/`run`/`rows` functions use: `SWARM_DIR`, else `.swarm/` in the working directory. */
export function defaultSwarm(): Swarm {
  shared ??= openSwarm();
  return shared;
}
