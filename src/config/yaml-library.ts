import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The `yaml` package, loaded on first use (synchronously, for synchronous callers): a run with no
 * swarm.config.yaml and no task file never compiles its 70 modules.
 */
export function yamlLibrary(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}
