-- The application's tables as its Prisma migration creates them (PostgreSQL provider), plus the RefineEvent table
-- that only the application's database has. Contract tests load this into an empty database to stand in for the
-- application's database, then check that the worker reads and writes it without altering it.

-- CreateTable
CREATE TABLE "RefineEvent" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RefineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyntheticTask" (
    "id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "inputText" TEXT NOT NULL,
    "difficulty" TEXT,
    "tags" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyntheticTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptSample" (
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

-- CreateTable
CREATE TABLE "LabRun" (
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

-- CreateTable
CREATE TABLE "LabScore" (
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

-- AddForeignKey
ALTER TABLE "PromptSample" ADD CONSTRAINT "PromptSample_refineEventId_fkey" FOREIGN KEY ("refineEventId") REFERENCES "RefineEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabRun" ADD CONSTRAINT "LabRun_syntheticTaskId_fkey" FOREIGN KEY ("syntheticTaskId") REFERENCES "SyntheticTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabRun" ADD CONSTRAINT "LabRun_promptSampleId_fkey" FOREIGN KEY ("promptSampleId") REFERENCES "PromptSample"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabScore" ADD CONSTRAINT "LabScore_labRunId_fkey" FOREIGN KEY ("labRunId") REFERENCES "LabRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
