#!/bin/sh
# Cloud Run Job and Cloud Scheduler trigger for PromptLabSchedule hourly, rendered by prompt-lab-operator.
#
# Before running it, set PROJECT_ID, REGION and SCHEDULER_SA (the e-mail of the service account
# Cloud Scheduler calls the Job as; it needs roles/run.invoker), and create these Secret Manager
# secrets, readable by the Job's service account:
#   prompt-lab-db-url (DATABASE_URL)
#   prompt-lab-openrouter-apiKey (OPENROUTER_API_KEY)
# Not carried over: concurrencyPolicy Forbid (Cloud Scheduler starts an execution even while the
#   previous one runs; the worker's task leases keep them apart).
# Not carried over: startingDeadlineSeconds (Cloud Scheduler retries a failed call, it does not
#   catch up on missed runs) and the Job history limits.
set -eu
: "${PROJECT_ID:?set PROJECT_ID to the Google Cloud project id}"
: "${REGION:?set REGION to the Cloud Run region, for example europe-west1}"
: "${SCHEDULER_SA:?set SCHEDULER_SA to the e-mail of the service account that calls the Job}"

cat > hourly-prompt-lab.job.yaml <<'MANIFEST'
apiVersion: "run.googleapis.com/v1"
kind: "Job"
metadata:
  labels:
    prompt-lab-schedule: "hourly"
  name: "hourly-prompt-lab"
spec:
  template:
    spec:
      taskCount: 1
      parallelism: 1
      template:
        spec:
          containers:
          - name: "worker"
            image: "ghcr.io/example/prompt-lab-worker:1.0.0"
            args:
            - "run-batch"
            env:
            - name: "DATABASE_URL"
              valueFrom:
                secretKeyRef:
                  name: "prompt-lab-db-url"
                  key: "latest"
            - name: "OPENROUTER_API_KEY"
              valueFrom:
                secretKeyRef:
                  name: "prompt-lab-openrouter-apiKey"
                  key: "latest"
            - name: "LAB_BATCH_LIMIT"
              value: "20"
            - name: "LAB_MAX_SAFE"
              value: "200"
            - name: "LAB_MODEL_NAME"
              value: "openai/gpt-4o-mini"
            - name: "LAB_DATA_DIR"
              value: "/tmp/prompt-lab"
          maxRetries: 2
          timeoutSeconds: "3600"
MANIFEST
gcloud run jobs replace hourly-prompt-lab.job.yaml --project="$PROJECT_ID" --region="$REGION"

gcloud scheduler jobs create http hourly-prompt-lab \
  --project="$PROJECT_ID" \
  --location="$REGION" \
  --schedule="0 * * * *" \
  --time-zone="Etc/UTC" \
  --uri="https://run.googleapis.com/v2/projects/$PROJECT_ID/locations/$REGION/jobs/hourly-prompt-lab:run" \
  --http-method=POST \
  --oauth-service-account-email="$SCHEDULER_SA" \
  --oauth-token-scope="https://www.googleapis.com/auth/cloud-platform"
