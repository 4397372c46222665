-- The worker's own bookkeeping. It lives in the worker's schema only, so the application's schema keeps exactly
-- the shape its Prisma migrations gave it. Timestamps are TIMESTAMP(3) WITHOUT TIME ZONE holding UTC, as in the
-- application's tables.

-- One row per batch, from start to finish.
CREATE TABLE "${workerSchema}".batch (
    id             TEXT         NOT NULL,
    status         TEXT         NOT NULL,
    started_at     TIMESTAMP(3) NOT NULL,
    finished_at    TIMESTAMP(3),
    engine         TEXT         NOT NULL,
    model_name     TEXT,
    batch_limit    INTEGER      NOT NULL,
    dry_run        BOOLEAN      NOT NULL,
    origin         JSONB        NOT NULL DEFAULT '{}',
    runs_created   INTEGER,
    scores_created INTEGER,
    failures       INTEGER,
    updated_at     TIMESTAMP(3) NOT NULL,

    CONSTRAINT batch_pkey PRIMARY KEY (id),
    CONSTRAINT batch_status_check
        CHECK (status IN ('running', 'completed', 'stopped', 'failed', 'abandoned'))
);

-- Closing out abandoned batches looks only at batches still marked running.
CREATE INDEX batch_running_idx ON "${workerSchema}".batch (started_at) WHERE status = 'running';

-- One row per known task: its lease while a batch holds it, and when it last ran, for rotation.
-- batch_id and lease_until are both set while a batch holds the claim, and both are null otherwise. A lease whose
-- lease_until has passed belongs to a killed batch, so another batch may claim the task again.
CREATE TABLE "${workerSchema}".task_claim (
    task_kind     TEXT         NOT NULL,
    task_id       TEXT         NOT NULL,
    batch_id      TEXT,
    claimed_at    TIMESTAMP(3),
    lease_until   TIMESTAMP(3),
    last_run_at   TIMESTAMP(3),
    last_batch_id TEXT,
    run_count     INTEGER      NOT NULL DEFAULT 0,
    discovered_at TIMESTAMP(3) NOT NULL DEFAULT timezone('UTC', now()),

    CONSTRAINT task_claim_pkey PRIMARY KEY (task_kind, task_id),
    CONSTRAINT task_claim_kind_check CHECK (task_kind IN ('synthetic', 'sample')),
    CONSTRAINT task_claim_lease_check CHECK ((batch_id IS NULL) = (lease_until IS NULL))
);

-- The picking order: never-run first (NULLS FIRST), then least recently run, read from the front of this index.
CREATE INDEX task_claim_rotation_idx
    ON "${workerSchema}".task_claim (task_kind, last_run_at NULLS FIRST, task_id);

-- Leases held by a batch: release, finish and closing out abandoned batches look them up by batch.
CREATE INDEX task_claim_batch_idx ON "${workerSchema}".task_claim (batch_id) WHERE batch_id IS NOT NULL;

-- The discovery position in each application table (see TaskDiscovery): the highest id registered by the tail
-- scan, and the id after which the next sweep slice starts.
CREATE TABLE "${workerSchema}".task_discovery (
    task_kind  TEXT         NOT NULL,
    tail_id    TEXT         NOT NULL DEFAULT '',
    sweep_id   TEXT         NOT NULL DEFAULT '',
    updated_at TIMESTAMP(3) NOT NULL DEFAULT timezone('UTC', now()),

    CONSTRAINT task_discovery_pkey PRIMARY KEY (task_kind)
);

INSERT INTO "${workerSchema}".task_discovery (task_kind) VALUES ('synthetic'), ('sample');

-- Which batch made each LabRun, so runs left pending by a killed batch can be closed out.
CREATE TABLE "${workerSchema}".batch_run (
    run_id      TEXT         NOT NULL,
    batch_id    TEXT         NOT NULL,
    task_kind   TEXT         NOT NULL,
    task_id     TEXT         NOT NULL,
    started_at  TIMESTAMP(3) NOT NULL,
    finished_at TIMESTAMP(3),

    CONSTRAINT batch_run_pkey PRIMARY KEY (run_id)
);

CREATE INDEX batch_run_batch_idx ON "${workerSchema}".batch_run (batch_id);
CREATE INDEX batch_run_unfinished_idx ON "${workerSchema}".batch_run (started_at) WHERE finished_at IS NULL;

-- What each refinement cost. cost_usd is null when the provider did not report it (never zero for unknown).
CREATE TABLE "${workerSchema}".run_usage (
    run_id            TEXT           NOT NULL,
    batch_id          TEXT           NOT NULL,
    engine            TEXT           NOT NULL,
    latency_ms        BIGINT         NOT NULL,
    input_chars       INTEGER        NOT NULL,
    input_truncated   BOOLEAN        NOT NULL,
    attempts          INTEGER        NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    cost_usd          NUMERIC(18, 8),
    finish_reason     TEXT,
    recorded_at       TIMESTAMP(3)   NOT NULL,

    CONSTRAINT run_usage_pkey PRIMARY KEY (run_id)
);

CREATE INDEX run_usage_batch_idx ON "${workerSchema}".run_usage (batch_id);

-- One-time events of this database, such as the demo data load.
CREATE TABLE "${workerSchema}".milestone (
    name        TEXT         NOT NULL,
    reached_at  TIMESTAMP(3) NOT NULL DEFAULT timezone('UTC', now()),

    CONSTRAINT milestone_pkey PRIMARY KEY (name)
);
