import { parallelRunKind } from './parallel-run-kind.ts';
import { passRunKind } from './pass-run-kind.ts';
import type { RunKind } from './run-kind.ts';

/** The kinds of run the daemon and the MCP server start. A plan (`runPlan`) is one more entry. */
export const runKinds: readonly RunKind<any, any>[] = [passRunKind, parallelRunKind];
