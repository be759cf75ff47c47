import type { SqliteConnection } from '../sqlite-connection.ts';

/** One recorded step of an agent loop: a model answer, or one tool call with its result. */
export type AgentStepRecord =
  | {
      kind: 'model';
      /** The loop's model call this is (0, 1, …). */
      step: number;
      /** What the model answered (its content parts, finish reason, usage), as JSON. */
      data: unknown;
      startedAt: number;
      endedAt: number;
    }
  | {
      kind: 'tool';
      /** The model step whose tool call this answers. */
      step: number;
      toolCallId: string;
      toolName: string;
      /** The call's input and its (capped) output or error, as JSON. */
      data: unknown;
      isError: boolean;
      startedAt: number;
      endedAt: number;
    };

/** A loop as `swarm show` prints it. */
export interface AgentLoopTranscript {
  passId: string;
  rowIds: string[];
  /** The loop's rows were settled (done or failed) after it; an unsettled loop is resumed by the next run. */
  settled: boolean;
  startedAt: number;
  steps: AgentStepRecord[];
}

/**
 * The agent loops of passes run with a subagent type: every model step and tool call, recorded as
 * it ends. A loop whose rows were not settled (the process died) is resumed by the next run of its
 * pass from what it recorded.
 */
export interface AgentLoopOperations {
  /**
   * The unsettled loop of exactly these rows in the pass, with its steps in order, to resume; or a
   * new loop: empty, or, with `replayOf` and no loop of these rows in the pass yet, a copy of the
   * steps of the last settled loop of the same rows in the pass `replayOf` (to replay it).
   */
  open(input: { passId: string; rowIds: string[]; at: number; replayOf?: string }): { loopId: number; steps: AgentStepRecord[] };
  /** The steps of the unsettled loop of exactly these rows in the pass, in order, without opening one; undefined when there is none. */
  unsettledSteps(input: { passId: string; rowIds: string[] }): AgentStepRecord[] | undefined;
  /** Appends a step to a loop. */
  record(loopId: number, step: AgentStepRecord): void;
  /** The loop's rows are settled: a later run of them starts a new loop. */
  settle(loopId: number): void;
  /** Every loop of a table's row, oldest first. */
  transcript(input: { tableId: string; rowId: string }): AgentLoopTranscript[];
}

interface StepRow {
  kind: string;
  step: number;
  tool_call_id: string | null;
  tool_name: string | null;
  data: string;
  is_error: number;
  started_at: number;
  ended_at: number;
}

/** The agent loop operations of a store. */
export function agentLoopOperations({ statement, transaction }: SqliteConnection): AgentLoopOperations {
  const stepsOf = (loopId: number): AgentStepRecord[] =>
    (statement('SELECT kind, step, tool_call_id, tool_name, data, is_error, started_at, ended_at FROM agent_steps WHERE loop_id = ? ORDER BY seq').all(loopId) as unknown as StepRow[]).map(
      (row) =>
        row.kind === 'model'
          ? { kind: 'model', step: row.step, data: JSON.parse(row.data), startedAt: row.started_at, endedAt: row.ended_at }
          : {
              kind: 'tool',
              step: row.step,
              toolCallId: row.tool_call_id ?? '',
              toolName: row.tool_name ?? '',
              data: JSON.parse(row.data),
              isError: row.is_error === 1,
              startedAt: row.started_at,
              endedAt: row.ended_at,
            },
    );
  return {
    open({ passId, rowIds, at, replayOf }) {
      const rowKey = JSON.stringify(rowIds);
      return transaction(() => {
        const found = statement('SELECT id FROM agent_loops WHERE pass_id = ? AND row_key = ? AND settled = 0 ORDER BY id DESC LIMIT 1').get(passId, rowKey) as { id: number } | undefined;
        if (found !== undefined) return { loopId: found.id, steps: stepsOf(found.id) };
        const replayed =
          replayOf === undefined || statement('SELECT 1 FROM agent_loops WHERE pass_id = ? AND row_key = ?').get(passId, rowKey) !== undefined
            ? undefined
            : (statement('SELECT id FROM agent_loops WHERE pass_id = ? AND row_key = ? AND settled = 1 ORDER BY id DESC LIMIT 1').get(replayOf, rowKey) as { id: number } | undefined);
        const { lastInsertRowid } = statement('INSERT INTO agent_loops (pass_id, row_key, row_ids, started_at) VALUES (?, ?, ?, ?)').run(passId, rowKey, rowKey, at);
        const loopId = Number(lastInsertRowid);
        const addRow = statement('INSERT INTO agent_loop_rows (loop_id, row_id) VALUES (?, ?)');
        for (const rowId of rowIds) addRow.run(loopId, rowId);
        if (replayed === undefined) return { loopId, steps: [] };
        statement(
          `INSERT INTO agent_steps (loop_id, seq, kind, step, tool_call_id, tool_name, data, is_error, started_at, ended_at)
           SELECT ?, seq, kind, step, tool_call_id, tool_name, data, is_error, started_at, ended_at FROM agent_steps WHERE loop_id = ?`,
        ).run(loopId, replayed.id);
        return { loopId, steps: stepsOf(loopId) };
      });
    },
    unsettledSteps({ passId, rowIds }) {
      const found = statement('SELECT id FROM agent_loops WHERE pass_id = ? AND row_key = ? AND settled = 0 ORDER BY id DESC LIMIT 1').get(passId, JSON.stringify(rowIds)) as
        | { id: number }
        | undefined;
      return found === undefined ? undefined : stepsOf(found.id);
    },
    record(loopId, step) {
      const isTool = step.kind === 'tool';
      statement(
        `INSERT INTO agent_steps (loop_id, seq, kind, step, tool_call_id, tool_name, data, is_error, started_at, ended_at)
         SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM agent_steps WHERE loop_id = ?`,
      ).run(
        loopId,
        step.kind,
        step.step,
        isTool ? step.toolCallId : null,
        isTool ? step.toolName : null,
        JSON.stringify(step.data),
        isTool && step.isError ? 1 : 0,
        step.startedAt,
        step.endedAt,
        loopId,
      );
    },
    settle(loopId) {
      statement('UPDATE agent_loops SET settled = 1 WHERE id = ?').run(loopId);
    },
    transcript({ tableId, rowId }) {
      const loops = statement(
        `SELECT l.id, l.pass_id, l.row_ids, l.settled, l.started_at FROM agent_loop_rows r
         JOIN agent_loops l ON l.id = r.loop_id JOIN passes p ON p.id = l.pass_id
         WHERE r.row_id = ? AND p.table_id = ? ORDER BY l.id`,
      ).all(rowId, tableId) as unknown as Array<{ id: number; pass_id: string; row_ids: string; settled: number; started_at: number }>;
      return loops.map((loop) => ({
        passId: loop.pass_id,
        rowIds: JSON.parse(loop.row_ids) as string[],
        settled: loop.settled === 1,
        startedAt: loop.started_at,
        steps: stepsOf(loop.id),
      }));
    },
  };
}
