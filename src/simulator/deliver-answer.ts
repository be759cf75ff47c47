import { answerParts } from './answer-parts.ts';
import type { CallFate } from './call-fate.ts';
import { encodeFrames } from './encode-frames.ts';
import type { LedgerTicket } from './limits/limit-ledger.ts';
import { pause } from './pause.ts';
import type { ProviderDialect } from './provider-dialect.ts';
import type { SimulatedAnswer } from './simulated-answer.ts';
import type { SimulatedCall } from './simulated-call.ts';
import type { SimulatorContext } from './simulator-context.ts';
import type { CallFault, KeyModelStats, RequestLogEntry } from './simulator-stats.ts';
import { untilAborted } from './until-aborted.ts';

/** Everything needed to answer an admitted call. */
export interface AnswerDelivery {
  context: SimulatorContext;
  dialect: ProviderDialect;
  call: SimulatedCall;
  answer: SimulatedAnswer;
  fate: CallFate;
  entry: KeyModelStats;
  ticket: LedgerTicket;
  /** Output tokens reserved but not generated, given back when the call ends. */
  unusedOutputTokens: number;
  generationMs: number;
  /** Rate-limit headers to send with the answer. */
  headers: Record<string, string>;
  /** Aborts when the client disconnects or the simulator closes. */
  signal: AbortSignal;
  /** Destroys the client's socket, for dropped connections. */
  destroyConnection: () => void;
  nowMs: number;
}

// Long enough for the partial response to leave the socket before it is destroyed.
const dropFlushMs = 25;

/**
 * Answers an admitted call, after its latency, with the faults its fate holds: a hang (no answer
 * until the client leaves), a dropped connection part-way, an error part-way through a stream.
 * The call stays in flight (for `maxInFlight` and the stats) until its last byte or its abort.
 */
export async function deliverAnswer(delivery: AnswerDelivery): Promise<Response> {
  const { context, dialect, call, answer, fate, entry, ticket, unusedOutputTokens, generationMs, headers, signal, destroyConnection } = delivery;
  const { recorder } = context;
  const drop = fate.drop && !fate.hang;
  const midStreamError = call.stream && fate.midStreamError && !fate.hang && !drop;
  const fault: CallFault | undefined =
    fate.hang ? 'hang' : drop ? 'drop' : midStreamError ? 'midStreamError' : fate.malformed ? 'malformed' : fate.truncated ? 'truncated' : undefined;
  const logEntry: RequestLogEntry = { atMs: delivery.nowMs, status: fate.hang ? 0 : 200, outcome: fault ?? 'answered', stream: call.stream, maxOutputTokens: call.maxOutputTokens };
  entry.accepted++;
  entry.inputTokens += answer.inputTokens;
  entry.outputTokens += answer.outputTokens;
  entry.log.push(logEntry);
  recorder.started(entry);
  if (fault !== undefined) recorder.fault(entry, fault);
  if (fate.slow) recorder.fault(entry, 'slow');
  if (fate.slowFirstToken) recorder.fault(entry, 'slowFirstToken');

  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    ticket.finish(unusedOutputTokens, Date.now());
    recorder.ended(entry);
  };
  const abandoned = () => {
    logEntry.outcome = 'clientAborted';
    recorder.fault(entry, 'clientAborted');
    finish();
    // Never sent: the connection is gone.
    return new Response(null, { status: 499 });
  };

  if (fate.hang) {
    await untilAborted(signal);
    finish();
    return new Response(null, { status: 499 });
  }

  if (!call.stream) {
    try {
      await pause(fate.firstTokenMs + generationMs, signal);
    } catch {
      return abandoned();
    }
    finish();
    const body = JSON.stringify(dialect.answerBody(call, answer));
    const answerHeaders = { 'content-type': 'application/json', ...dialect.requestIdHeaders(), ...headers };
    if (!drop) return new Response(body, { status: 200, headers: answerHeaders });
    const bytes = new TextEncoder().encode(body);
    return new Response(encodeFrames(droppedBody(body, signal, destroyConnection)), {
      status: 200,
      // The full length is announced, so the client knows the body was cut short.
      headers: { ...answerHeaders, 'content-length': String(bytes.length) },
    });
  }

  async function* frames(): AsyncGenerator<string> {
    try {
      yield dialect.stream.start(call, answer);
      await pause(fate.firstTokenMs, signal);
      const parts = answerParts(answer).map((text) => text.match(new RegExp(`[\\s\\S]{1,${context.streamChunkCharacters}}`, 'g')) ?? []);
      const total = parts.reduce((sum, pieces) => sum + pieces.length, 0);
      const pieceMs = total > 0 ? generationMs / total : 0;
      // Dropped and failing streams stop half-way, without closing the part they were in.
      const budget = drop || midStreamError ? Math.min(total, Math.max(1, Math.floor(total / 2))) : total;
      let sent = 0;
      for (const [index, pieces] of parts.entries()) {
        yield dialect.stream.partStart(call, answer, index);
        for (const piece of pieces) {
          if (sent === budget) break;
          if (sent > 0) await pause(pieceMs, signal);
          yield dialect.stream.delta(call, answer, index, piece);
          sent++;
        }
        if (sent === budget && budget < total) break;
        yield dialect.stream.partEnd(call, answer, index);
      }
      if (drop) {
        await pause(dropFlushMs, signal);
        destroyConnection();
        return;
      }
      yield midStreamError ? dialect.stream.error(call, answer) : dialect.stream.end(call, answer);
    } catch (error) {
      if (!signal.aborted) throw error;
      abandoned();
    } finally {
      finish();
    }
  }
  return new Response(encodeFrames(frames()), {
    status: 200,
    headers: { 'content-type': dialect.stream.contentType, 'cache-control': 'no-cache', ...dialect.requestIdHeaders(), ...headers },
  });
}

async function* droppedBody(body: string, signal: AbortSignal, destroyConnection: () => void): AsyncGenerator<string> {
  yield body.slice(0, Math.floor(body.length / 2));
  try {
    await pause(dropFlushMs, signal);
  } catch {
    return;
  }
  destroyConnection();
}
