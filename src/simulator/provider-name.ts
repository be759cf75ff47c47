/** The wire dialects the simulator speaks, named as Swarm's model specs name their providers. */
export type ProviderName = 'openai' | 'anthropic' | 'google';
