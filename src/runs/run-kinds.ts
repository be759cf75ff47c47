import { parallelRunKind } from './parallel-run-kind.ts';
import { passRunKind } from './pass-run-kind.ts';
import { planRunKind } from './plan-run-kind.ts';
import { researchRunKind } from './research-run-kind.ts';
import { planReplayRunKind } from './plan-replay-run-kind.ts';
import type { RunKind } from './run-kind.ts';
import { taskFileRunKind } from './task-file-run-kind.ts';

/** The kinds of run the daemon and the MCP server start. */
export const runKinds: readonly RunKind<any, any>[] = [passRunKind, parallelRunKind, planRunKind, researchRunKind, taskFileRunKind, planReplayRunKind];
