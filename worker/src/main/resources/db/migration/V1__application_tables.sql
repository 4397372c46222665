-- The application's four tables, exactly as its Prisma migration creates them, for a database the application has
-- not set up (the embedded database, a fresh test database). A table that already exists is left as it is: no
-- column, index or constraint is added to it, so the application's Prisma migrations never see drift.
-- A foreign key is added only to a table created here. RefineEvent and PromptSample's key to it belong to the
-- application alone and are never created.

DO $$
DECLARE
    created_lab_run BOOLEAN := FALSE;
    created_lab_score BOOLEAN := FALSE;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '${appSchema}') THEN
        CREATE SCHEMA "${appSchema}";
    END IF;

    IF to_regclass('"${appSchema}"."SyntheticTask"') IS NULL THEN
        CREATE TABLE "${appSchema}"."SyntheticTask" (
            "id" TEXT NOT NULL,
            "category" TEXT NOT NULL,
            "inputText" TEXT NOT NULL,
            "difficulty" TEXT,
            "tags" TEXT,
            "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

            CONSTRAINT "SyntheticTask_pkey" PRIMARY KEY ("id")
        );
    END IF;

    IF to_regclass('"${appSchema}"."PromptSample"') IS NULL THEN
        CREATE TABLE "${appSchema}"."PromptSample" (
            "id" TEXT NOT NULL,
            "refineEventId" TEXT,
            "source" TEXT NOT NULL,
            "category" TEXT NOT NULL,
            "rawText" TEXT NOT NULL,
            "refinedText" TEXT,
            "plan" TEXT NOT NULL,
            "templateSlug" TEXT,
            "templateVersion" TEXT,
            "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

            CONSTRAINT "PromptSample_pkey" PRIMARY KEY ("id")
        );
    END IF;

    IF to_regclass('"${appSchema}"."LabRun"') IS NULL THEN
        CREATE TABLE "${appSchema}"."LabRun" (
            "id" TEXT NOT NULL,
            "templateSlug" TEXT NOT NULL,
            "templateVersion" TEXT NOT NULL,
            "taskType" TEXT NOT NULL,
            "syntheticTaskId" TEXT,
            "promptSampleId" TEXT,
            "modelName" TEXT NOT NULL,
            "status" TEXT NOT NULL,
            "errorMessage" TEXT,
            "rawRefinedPrompt" TEXT,
            "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
            "updatedAt" TIMESTAMP(3) NOT NULL,

            CONSTRAINT "LabRun_pkey" PRIMARY KEY ("id")
        );
        created_lab_run := TRUE;
    END IF;

    IF to_regclass('"${appSchema}"."LabScore"') IS NULL THEN
        CREATE TABLE "${appSchema}"."LabScore" (
            "id" TEXT NOT NULL,
            "labRunId" TEXT NOT NULL,
            "structureScore" DOUBLE PRECISION,
            "contractScore" DOUBLE PRECISION,
            "domainScore" DOUBLE PRECISION,
            "overallScore" DOUBLE PRECISION,
            "metricsJson" TEXT,
            "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

            CONSTRAINT "LabScore_pkey" PRIMARY KEY ("id")
        );
        created_lab_score := TRUE;
    END IF;

    IF created_lab_run THEN
        ALTER TABLE "${appSchema}"."LabRun" ADD CONSTRAINT "LabRun_syntheticTaskId_fkey"
            FOREIGN KEY ("syntheticTaskId") REFERENCES "${appSchema}"."SyntheticTask"("id")
            ON DELETE SET NULL ON UPDATE CASCADE;
        ALTER TABLE "${appSchema}"."LabRun" ADD CONSTRAINT "LabRun_promptSampleId_fkey"
            FOREIGN KEY ("promptSampleId") REFERENCES "${appSchema}"."PromptSample"("id")
            ON DELETE SET NULL ON UPDATE CASCADE;
    END IF;

    IF created_lab_score THEN
        ALTER TABLE "${appSchema}"."LabScore" ADD CONSTRAINT "LabScore_labRunId_fkey"
            FOREIGN KEY ("labRunId") REFERENCES "${appSchema}"."LabRun"("id")
            ON DELETE RESTRICT ON UPDATE CASCADE;
    END IF;
END
$$;
