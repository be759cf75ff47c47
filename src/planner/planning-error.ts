import { SwarmError } from '../errors/swarm-error.ts';

/**
 * The planner could not make a plan that can run: the model's plan still had problems when asked
 * again with them. `problems` names each one; `answer` is the model's last answer as it wrote it.
 */
export class PlanningError extends SwarmError {
  readonly problems: readonly string[];
  readonly answer: string | undefined;

  constructor(problems: readonly string[], { answer }: { answer?: string } = {}) {
    super('PlanningError', `the planner's plan cannot be run, even when asked again: ${problems.join('; ')}`);
    this.problems = problems;
    this.answer = answer;
  }

  static isInstance(error: unknown): error is PlanningError {
    return SwarmError.isInstance(error) && error.name === 'PlanningError';
  }
}
