export { checkConfig, loadConfig, configFileNames } from './load-config.ts';
export type { SwarmConfig, ProviderConfig } from './swarm-config.ts';
export { closestMatch } from './closest-match.ts';
