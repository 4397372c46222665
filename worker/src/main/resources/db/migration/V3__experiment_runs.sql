-- Experiment membership of LabRun rows. An experiment runs each task of its category through the category's ga
-- template version and through every candidate version; the runs themselves are ordinary LabRun and LabScore rows,
-- and this table records which experiment and which arm (ga or candidate) each of them belongs to. It lives in the
-- worker's schema, so the application's tables keep the shape its Prisma migrations gave them.
CREATE TABLE "${workerSchema}".experiment_run (
    run_id           TEXT         NOT NULL,
    experiment       TEXT         NOT NULL,
    arm              TEXT         NOT NULL,
    template_slug    TEXT         NOT NULL,
    template_version TEXT         NOT NULL,
    batch_id         TEXT         NOT NULL,
    task_kind        TEXT         NOT NULL,
    task_id          TEXT         NOT NULL,
    recorded_at      TIMESTAMP(3) NOT NULL DEFAULT timezone('UTC', now()),

    CONSTRAINT experiment_run_pkey PRIMARY KEY (run_id),
    CONSTRAINT experiment_run_arm_check CHECK (arm IN ('ga', 'candidate')),
    CONSTRAINT experiment_run_kind_check CHECK (task_kind IN ('synthetic', 'sample'))
);

-- The experiment report reads one experiment's runs, grouped by task.
CREATE INDEX experiment_run_experiment_idx ON "${workerSchema}".experiment_run (experiment, task_kind, task_id);
