-- Known runs and scores for the report tests. Every timestamp is UTC.
--
-- A = coding_feature_default@1.0.0, B = coding_feature_default@1.1.0 (both openai/gpt-4o-mini),
-- C = writing_blog_default@1.0.0 (one done run), D = general_chat_default@1.0.0 (one failed run).
-- A ran t1 twice (run_a0 older, run_a1 newer); B's newest run of t2 failed and its newest of t3 is pending,
-- so pairing must take each version's latest *done* run of a task.

INSERT INTO "SyntheticTask" ("id", "category", "inputText", "createdAt") VALUES
    ('t1', 'coding',  'add a login form',       '2025-02-01 00:00:00'),
    ('t2', 'coding',  'fix the flaky test',     '2025-02-01 00:00:00'),
    ('t3', 'coding',  'write a CSV parser',     '2025-02-01 00:00:00'),
    ('t4', 'writing', 'a blog post about tea',  '2025-02-01 00:00:00');

INSERT INTO "PromptSample" ("id", "source", "category", "rawText", "plan", "createdAt") VALUES
    ('s1', 'internal', 'coding', 'make my script faster', 'free', '2025-02-01 00:00:00');

INSERT INTO "LabRun" ("id", "templateSlug", "templateVersion", "taskType", "syntheticTaskId", "promptSampleId",
                      "modelName", "status", "errorMessage", "createdAt", "updatedAt") VALUES
    ('run_a0', 'coding_feature_default', '1.0.0', 'synthetic', 't1', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-01 23:00:00', '2025-03-01 23:00:05'),
    ('run_a1', 'coding_feature_default', '1.0.0', 'synthetic', 't1', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-02 08:00:00', '2025-03-02 08:00:05'),
    ('run_a2', 'coding_feature_default', '1.0.0', 'synthetic', 't2', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-02 09:00:00', '2025-03-02 09:00:05'),
    ('run_a3', 'coding_feature_default', '1.0.0', 'synthetic', 't3', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-02 10:00:00', '2025-03-02 10:00:05'),
    ('run_a4', 'coding_feature_default', '1.0.0', 'sample',    NULL, 's1', 'openai/gpt-4o-mini', 'error', 'refine_failed',
        '2025-03-02 11:00:00', '2025-03-02 11:00:05'),
    ('run_b1', 'coding_feature_default', '1.1.0', 'synthetic', 't1', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-03 08:00:00', '2025-03-03 08:00:05'),
    ('run_b2', 'coding_feature_default', '1.1.0', 'synthetic', 't2', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-03 09:00:00', '2025-03-03 09:00:05'),
    ('run_b3', 'coding_feature_default', '1.1.0', 'synthetic', 't3', NULL, 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-03 10:00:00', '2025-03-03 10:00:05'),
    ('run_b4', 'coding_feature_default', '1.1.0', 'sample',    NULL, 's1', 'openai/gpt-4o-mini', 'done',  NULL,
        '2025-03-03 11:00:00', '2025-03-03 11:00:05'),
    ('run_b5', 'coding_feature_default', '1.1.0', 'synthetic', 't2', NULL, 'openai/gpt-4o-mini', 'error', 'score_failed',
        '2025-03-03 12:00:00', '2025-03-03 12:00:05'),
    ('run_b6', 'coding_feature_default', '1.1.0', 'synthetic', 't3', NULL, 'openai/gpt-4o-mini', 'pending', NULL,
        '2025-03-05 08:00:00', '2025-03-05 08:00:00'),
    ('run_c1', 'writing_blog_default',   '1.0.0', 'synthetic', 't4', NULL, 'offline',            'done',  NULL,
        '2025-03-04 08:00:00', '2025-03-04 08:00:05'),
    ('run_d1', 'general_chat_default',   '1.0.0', 'sample',    NULL, 's1', 'offline',            'error', 'refine_failed',
        '2025-03-04 09:00:00', '2025-03-04 09:00:05');

-- run_a1 has two LabScore rows; the report reads the newer one (score_a1), so 0.05 appears nowhere.
INSERT INTO "LabScore" ("id", "labRunId", "structureScore", "contractScore", "domainScore", "overallScore",
                        "createdAt") VALUES
    ('score_a0',     'run_a0', 0.40, 0.40, 0.40, 0.40, '2025-03-01 23:00:05'),
    ('score_a1_old', 'run_a1', 0.05, 0.05, 0.05, 0.05, '2025-03-02 08:00:04'),
    ('score_a1',     'run_a1', 0.50, 0.50, 0.50, 0.60, '2025-03-02 08:00:05'),
    ('score_a2',     'run_a2', 0.50, NULL, 0.50, 0.70, '2025-03-02 09:00:05'),
    ('score_a3',     'run_a3', 0.50, 0.90, 0.50, 0.80, '2025-03-02 10:00:05'),
    ('score_b1',     'run_b1', 0.75, 0.60, 0.50, 0.70, '2025-03-03 08:00:05'),
    ('score_b2',     'run_b2', 0.75, 0.60, 0.50, 0.75, '2025-03-03 09:00:05'),
    ('score_b3',     'run_b3', 0.75, 0.70, 0.50, 0.80, '2025-03-03 10:00:05'),
    ('score_b4',     'run_b4', 0.75, 0.80, 0.60, 0.90, '2025-03-03 11:00:05'),
    ('score_c1',     'run_c1', 0.55, 0.55, 0.55, 0.55, '2025-03-04 08:00:05');

-- Usage: run_a2 and run_a4 have no known cost; run_b5, run_b6 and run_c1 have no usage row at all.
INSERT INTO prompt_lab.run_usage
    (run_id, batch_id, engine, latency_ms, input_chars, input_truncated, attempts, cost_usd, recorded_at) VALUES
    ('run_a0', 'batch_1', 'openrouter', 1000, 100, false, 1, 0.0010, '2025-03-01 00:00:00'),
    ('run_a1', 'batch_1', 'openrouter', 1200, 100, false, 1, 0.0012, '2025-03-01 00:00:00'),
    ('run_a2', 'batch_1', 'openrouter', 900, 100, false, 1, NULL, '2025-03-01 00:00:00'),
    ('run_a3', 'batch_1', 'openrouter', 1500, 100, false, 1, 0.0020, '2025-03-01 00:00:00'),
    ('run_a4', 'batch_1', 'openrouter', 3000, 100, false, 1, NULL, '2025-03-01 00:00:00'),
    ('run_b1', 'batch_1', 'openrouter', 800, 100, false, 1, 0.0011, '2025-03-01 00:00:00'),
    ('run_b2', 'batch_1', 'openrouter', 1000, 100, false, 1, 0.0011, '2025-03-01 00:00:00'),
    ('run_b3', 'batch_1', 'openrouter', 1100, 100, false, 1, 0.0011, '2025-03-01 00:00:00'),
    ('run_b4', 'batch_1', 'openrouter', 1300, 100, false, 1, 0.0013, '2025-03-01 00:00:00'),
    ('run_d1', 'batch_1', 'offline', 5, 100, false, 1, NULL, '2025-03-01 00:00:00');
