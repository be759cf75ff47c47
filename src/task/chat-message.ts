/** One message of a worker conversation, as a worker script sees and sends it (the engine's row-worker message). */
export type { ChatMessage } from '../pass/row-worker.ts';
