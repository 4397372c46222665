{{/*
Chart name, at most 63 characters because it is used in label values.
*/}}
{{- define "prompt-lab-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources. A release name that already contains the chart name is used alone.
*/}}
{{- define "prompt-lab-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "prompt-lab-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that never change over the release's life, so a Deployment's selector can use them.
*/}}
{{- define "prompt-lab-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "prompt-lab-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The recommended app.kubernetes.io labels, on every object of the chart.
*/}}
{{- define "prompt-lab-operator.labels" -}}
helm.sh/chart: {{ include "prompt-lab-operator.chart" . }}
{{ include "prompt-lab-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: prompt-lab
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "prompt-lab-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "prompt-lab-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: name an existing service account" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "prompt-lab-operator.leaseName" -}}
{{- default (include "prompt-lab-operator.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{- define "prompt-lab-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The watched namespaces, checked: each a namespace name, no repeats, and no "*" (an empty list means all).
*/}}
{{- define "prompt-lab-operator.watchNamespaces" -}}
{{- $seen := dict }}
{{- range .Values.watchNamespaces }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" (toString .)) }}
{{- fail (printf "watchNamespaces contains %q, which is not a namespace name: list namespace names, or leave the list empty to watch all namespaces" (toString .)) }}
{{- end }}
{{- if hasKey $seen . }}
{{- fail (printf "watchNamespaces lists %q twice: list each namespace once" .) }}
{{- end }}
{{- $_ := set $seen . true }}
{{- end }}
{{- join "," .Values.watchNamespaces }}
{{- end }}

{{/*
Rules the operator needs in every namespace it watches: a Role's rules per watched namespace, or the
ClusterRole's when it watches all. It reads its schedules and writes only their status, owns CronJobs, reads
finished Jobs and their Pods for the last run's result, and records Events. With knative.enabled it also owns
Knative Services and PingSources. It deletes a CronJob, Service or PingSource only when the schedule's target or
suspend flag no longer wants it; the garbage collector deletes them with the schedule, through owner references.
Whether Knative is installed comes from API discovery, which needs no rule here.
*/}}
{{- define "prompt-lab-operator.namespacedRules" -}}
- apiGroups: ["promptlab.orbitar.dev"]
  resources: ["promptlabschedules"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["promptlab.orbitar.dev"]
  resources: ["promptlabschedules/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "update"]
{{- if .Values.knative.enabled }}
- apiGroups: ["serving.knative.dev"]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["sources.knative.dev"]
  resources: ["pingsources"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
{{- end }}
{{- end }}
