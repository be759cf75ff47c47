/**
 * Schema migrations, applied in order; the store's `PRAGMA user_version` is the number applied.
 * Never edit a released migration: add a new one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE tables (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_key TEXT UNIQUE,
    status TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE columns (
    table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    written_by TEXT NOT NULL,
    PRIMARY KEY (table_id, name)
  ) WITHOUT ROWID;
  CREATE TABLE rows (
    seq INTEGER PRIMARY KEY,
    table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (table_id, id)
  );
  CREATE INDEX rows_by_table ON rows(table_id, seq);
  CREATE TABLE passes (
    id TEXT PRIMARY KEY,
    table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    instruction TEXT NOT NULL,
    context TEXT,
    response_schema TEXT NOT NULL,
    model TEXT NOT NULL,
    status TEXT NOT NULL,
    stop_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX passes_by_table ON passes(table_id);
  CREATE TABLE results (
    pass_id TEXT NOT NULL REFERENCES passes(id) ON DELETE CASCADE,
    row_id TEXT NOT NULL,
    status TEXT NOT NULL,
    output TEXT,
    error TEXT,
    error_class TEXT,
    raw_output TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (pass_id, row_id)
  ) WITHOUT ROWID;
  CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    pass_id TEXT NOT NULL REFERENCES passes(id) ON DELETE CASCADE,
    row_ids TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_class TEXT,
    error_message TEXT,
    input_tokens INTEGER,
    output_tokens INTEGER,
    cost REAL,
    latency_ms REAL,
    raw_output TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL
  );
  CREATE INDEX attempts_by_pass ON attempts(pass_id);
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    pass_id TEXT,
    data TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE key_parks (
    key TEXT PRIMARY KEY,
    parked_until INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE response_cache (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE passes ADD COLUMN cached_calls INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE passes ADD COLUMN cached_rows INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX attempts_by_start ON attempts(started_at);
  `,
  `
  CREATE TABLE provider_batches (
    id INTEGER PRIMARY KEY,
    pass_id TEXT NOT NULL REFERENCES passes(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    reference TEXT NOT NULL,
    item_ids TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX provider_batches_by_pass ON provider_batches(pass_id, status);
  `,
  `
  ALTER TABLE passes ADD COLUMN runner TEXT;
  ALTER TABLE passes ADD COLUMN heartbeat_at INTEGER;
  `,
  // What the calls of dropped tables spent, per UTC day and pass: the daily cap and \`swarm spend\` still count it.
  `
  CREATE TABLE dropped_spend (
    day_start INTEGER NOT NULL,
    table_id TEXT NOT NULL,
    pass_id TEXT NOT NULL,
    model TEXT NOT NULL,
    calls INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost REAL
  );
  CREATE INDEX dropped_spend_by_day ON dropped_spend(day_start);
  `,
  // What a process learned of a key's limits (the next run starts paced), and which processes use
  // a key now (each paces at its share of the key's limits).
  `
  CREATE TABLE key_limits (
    key TEXT PRIMARY KEY,
    limits TEXT NOT NULL,
    largest_in_flight INTEGER,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE key_users (
    key TEXT NOT NULL,
    user TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (key, user)
  ) WITHOUT ROWID;
  `,
  // Agent loops: each dispatch of an agent pass is a loop of model steps and tool calls, recorded as
  // each ends, so a loop cut short (a crash) resumes from its last step instead of repeating them.
  `
  CREATE TABLE agent_loops (
    id INTEGER PRIMARY KEY,
    pass_id TEXT NOT NULL REFERENCES passes(id) ON DELETE CASCADE,
    row_key TEXT NOT NULL,
    row_ids TEXT NOT NULL,
    settled INTEGER NOT NULL DEFAULT 0,
    started_at INTEGER NOT NULL
  );
  CREATE INDEX agent_loops_by_rows ON agent_loops(pass_id, row_key);
  CREATE TABLE agent_loop_rows (
    loop_id INTEGER NOT NULL REFERENCES agent_loops(id) ON DELETE CASCADE,
    row_id TEXT NOT NULL,
    PRIMARY KEY (row_id, loop_id)
  ) WITHOUT ROWID;
  CREATE TABLE agent_steps (
    loop_id INTEGER NOT NULL REFERENCES agent_loops(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    step INTEGER NOT NULL,
    tool_call_id TEXT,
    tool_name TEXT,
    data TEXT NOT NULL,
    is_error INTEGER NOT NULL DEFAULT 0,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    PRIMARY KEY (loop_id, seq)
  ) WITHOUT ROWID;
  `,
  // Plans: each run of a plan (found again by the hash of its content) and the state of each of its
  // tasks, committed as it changes, so a re-run resumes; plan events are kept with their run.
  `
  CREATE TABLE plan_runs (
    id TEXT PRIMARY KEY,
    table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    name TEXT,
    plan TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE plan_tasks (
    run_id TEXT NOT NULL REFERENCES plan_runs(id) ON DELETE CASCADE,
    task_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    error TEXT,
    pass_id TEXT,
    runs INTEGER NOT NULL DEFAULT 0,
    started_at INTEGER,
    ended_at INTEGER,
    PRIMARY KEY (run_id, task_id)
  ) WITHOUT ROWID;
  ALTER TABLE events ADD COLUMN plan_run_id TEXT;
  CREATE INDEX events_by_plan_run ON events(plan_run_id) WHERE plan_run_id IS NOT NULL;
  `,
  // Findings of plan tasks (plan memory), searched by SQLite's full-text index (FTS5, ranked by
  // bm25); words are stemmed (porter) so "analyzing" finds "analysis".
  `
  CREATE VIRTUAL TABLE findings USING fts5(
    text,
    run_id UNINDEXED,
    task_id UNINDEXED,
    created_at UNINDEXED,
    tokenize = 'porter unicode61'
  );
  `,
  // Runs of the daemon and the MCP server (a pass, a prompt fan-out, later a plan): what was asked,
  // which process runs it, and how it ended; a run whose process died is taken over and resumed.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    request TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    error TEXT,
    owner TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX runs_by_status ON runs(status);
  CREATE INDEX runs_by_creation ON runs(created_at);
  `,
  // The last outcome of a distributed run committed for a pass (an id of its outcomes stream in
  // Redis), in the transaction that commits it: a coordinator restarted between committing outcomes
  // and deleting them from Redis does not commit them twice.
  `
  ALTER TABLE passes ADD COLUMN outcomes_committed TEXT;
  `,
  // Plan runs hold a lease as passes do (which process runs them, and when it last said so): a
  // second run of a plan is refused while the first lives, whatever its tasks are doing. Tasks
  // adaptive planning added to a run say after which task.
  `
  ALTER TABLE plan_runs ADD COLUMN runner TEXT;
  ALTER TABLE plan_runs ADD COLUMN heartbeat_at INTEGER;
  ALTER TABLE plan_tasks ADD COLUMN added_after TEXT;
  `,
];
