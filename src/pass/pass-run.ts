import type { SecretRedactor } from '../call/secret-redactor.ts';
import type { PassRecording } from '../recorder/pass-recording.ts';
import type { PassStop } from './pass-result.ts';

/** What every running pass shares between its workers, whatever answers its rows: where it records, and how it stops. */
export interface PassRun extends PassRecording {
  /** Removes the Swarm's API keys from error messages. */
  secrets: SecretRedactor;
  /** Aborted when the pass stops for any reason; every call listens to it. */
  signal: AbortSignal;
  stop(stop: PassStop): void;
  stopped: PassStop | undefined;
}
