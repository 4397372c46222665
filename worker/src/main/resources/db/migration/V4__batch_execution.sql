-- The scheduler execution a batch belongs to, so a retried attempt of the same execution can skip the tasks that
-- an earlier attempt finished. A Cloud Run Job execution (all its tasks and their retries) is one execution, and so
-- is a Kubernetes Job (all its pods, retried or parallel). Batches from anywhere else have none.
-- Generated columns need PostgreSQL 12 or later.
-- NOTE: a Kubernetes Job deleted and created again under the same name in the same namespace counts as the same
-- execution, so its batches skip the tasks the earlier Job finished (the rotation then moves on to other tasks).
ALTER TABLE "${workerSchema}".batch ADD COLUMN execution TEXT GENERATED ALWAYS AS (
    CASE
        WHEN origin ? 'cloudRunExecution'
            THEN 'cloud-run:' || COALESCE(origin ->> 'cloudRunJob', '') || '/' || (origin ->> 'cloudRunExecution')
        WHEN origin ? 'kubernetesJob'
            THEN 'kubernetes:' || COALESCE(origin ->> 'kubernetesNamespace', '') || '/' || (origin ->> 'kubernetesJob')
    END) STORED;

-- A claim looks up the other batches of its own execution.
CREATE INDEX batch_execution_idx ON "${workerSchema}".batch (execution) WHERE execution IS NOT NULL;
