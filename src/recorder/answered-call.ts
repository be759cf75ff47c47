import type { ModelCallResult } from '../call/call-model.ts';

/** A model call that was answered, as the recorder takes it. */
export interface AnsweredCall {
  kind: 'answer';
  result: ModelCallResult;
  attempt: number;
  startedAt: number;
  cacheKey: string | undefined;
  cached: boolean;
  /** The call's cost when it is not the model's list price (a provider batch's discount). */
  cost?: number;
}
