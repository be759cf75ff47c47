import type { AgentLoopTranscript } from '../../../src/store/operations/agent-loops.ts';
import type { StoredAttempt } from '../../../src/store/operations/attempts.ts';
import { pretty, time } from './format.ts';

/** An agent loop as the store recorded it. */
export type AgentLoop = AgentLoopTranscript;

/** Agent loops as `swarm show` prints them: each model step, each tool call with its input and result. */
export function Transcript({ loops }: { loops: AgentLoop[] }) {
  if (loops.length === 0) return <p>No agent loop (not an agent row).</p>;
  return (
    <>
      {loops.map((loop, index) => (
        <section key={index} class="loop">
          <h5>
            Loop {index + 1} of pass <code>{loop.passId}</code>, {time(loop.startedAt)}
            {loop.settled ? '' : ' (unsettled: the next run resumes it)'}
          </h5>
          <ol>
            {loop.steps.map((step, stepIndex) => (
              <li key={stepIndex}>
                <strong>{step.kind === 'model' ? `Model step ${step.step}` : `Tool ${step.toolName}${step.isError ? ' (error)' : ''}`}</strong> ({step.endedAt - step.startedAt} ms)
                <pre>{pretty(step.data)}</pre>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** A provider call as the store recorded it, with its pass. */
export type Attempt = StoredAttempt & { passId: string };

/** Every call that carried a row or task: its state, and a failure's error and what the model said. */
export function Attempts({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return <p>No provider call recorded.</p>;
  return (
    <ol class="attempts">
      {attempts.map((attempt, index) => (
        <li key={index}>
          <strong>
            Attempt {attempt.attempt}: {attempt.status}
          </strong>{' '}
          (pass <code>{attempt.passId}</code>, {attempt.inputTokens} in / {attempt.outputTokens} out, {Math.round(attempt.latencyMs)} ms, {time(attempt.startedAt)})
          {attempt.errorMessage !== undefined && (
            <p class="error-text">
              {attempt.errorClass}: {attempt.errorMessage}
            </p>
          )}
          <RawOutput text={attempt.rawOutput} />
        </li>
      ))}
    </ol>
  );
}

/** What the model said, as it said it (a failure's answer that could not be used). */
export function RawOutput({ text }: { text: string | undefined }) {
  if (text === undefined) return null;
  return (
    <>
      <div class="label">Raw model output</div>
      <pre class="raw-output">{text}</pre>
    </>
  );
}
