-- Stand-in for the worker's per-run usage table, which the worker's own migrations create in its schema.
-- Only the columns the report reads matter here: the run id, the engine, the latency and the cost.
CREATE SCHEMA IF NOT EXISTS prompt_lab;

CREATE TABLE prompt_lab.run_usage (
    lab_run_id        TEXT PRIMARY KEY,
    engine            TEXT NOT NULL,
    latency_ms        BIGINT NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    cost_usd          NUMERIC
);
