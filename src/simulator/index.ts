/**
 * The provider simulator: a local HTTP server that speaks the OpenAI, Anthropic and Gemini wire
 * formats with exact rate limits, latency and injected faults, for tests and benchmarks. Node-only,
 * so it is not part of the package root.
 */
export { startSimulator } from './start-simulator.ts';
export type { Simulator } from './simulator.ts';
export type { SimulatorOptions } from './simulator-options.ts';
export type { SimulatorLimits } from './simulator-limits.ts';
export type { LimitName } from './limits/limit-name.ts';
export type { LimitShape } from './limits/limit-shape.ts';
export type { LimitDisclosure } from './limits/limit-disclosure.ts';
export type { LatencySettings, LogNormalMs } from './latency-settings.ts';
export type { FaultSettings, FailAllMode } from './fault-settings.ts';
export type { SimulatorStats, KeyModelStats, TrafficCounts, RequestLogEntry, RejectReason, CallFault } from './simulator-stats.ts';
export type { ProviderName } from './provider-name.ts';
export type { BatchSettings } from './batch/batch-settings.ts';
export type { BatchCounts } from './batch/batch-counts.ts';
