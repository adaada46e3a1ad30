{{/* Names, labels and small shared snippets. */}}

{{- define "vigil.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vigil.fullname" -}}
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

{{- define "vigil.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of a component's objects: (dict "ctx" $ "component" "worker") */}}
{{- define "vigil.componentName" -}}
{{- printf "%s-%s" (include "vigil.fullname" .ctx | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vigil.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "vigil.labels" -}}
helm.sh/chart: {{ include "vigil.chart" . }}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: vigil
{{- end }}

{{/* (dict "ctx" $ "component" "api") */}}
{{- define "vigil.componentSelectorLabels" -}}
{{ include "vigil.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "vigil.componentLabels" -}}
{{ include "vigil.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "vigil.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret holding credentials: the user's, or the one this chart renders. */}}
{{- define "vigil.secretName" -}}
{{- default (include "vigil.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* Service account of ingest and api: no Kubernetes API access, no token mounted. */}}
{{- define "vigil.serviceAccountName" -}}
{{- include "vigil.fullname" . }}
{{- end }}

{{/* Service account of the worker: bound to the Kubernetes-actions role. */}}
{{- define "vigil.workerServiceAccountName" -}}
{{- include "vigil.componentName" (dict "ctx" . "component" "worker") }}
{{- end }}

{{- define "vigil.temporalTlsSecretName" -}}
{{- default (printf "%s-temporal-tls" (include "vigil.fullname" .)) .Values.temporal.tls.existingSecret }}
{{- end }}

{{/* TLS to Temporal: asked for, or implied by client certificates or a CA. */}}
{{- define "vigil.temporalTlsEnabled" -}}
{{- $t := .Values.temporal.tls }}
{{- if or $t.enabled $t.existingSecret $t.cert $t.ca }}true{{ end }}
{{- end }}

{{/* Whether a Secret with the Temporal client certificate and/or CA is mounted. */}}
{{- define "vigil.temporalTlsMounted" -}}
{{- $t := .Values.temporal.tls }}
{{- if or $t.existingSecret $t.cert $t.ca }}true{{ end }}
{{- end }}

{{- define "vigil.policiesConfigMapName" -}}
{{- default (printf "%s-policies" (include "vigil.fullname" .)) .Values.policies.existingConfigMap }}
{{- end }}

{{/* Paths inside the containers. */}}
{{- define "vigil.configFile" -}}/etc/vigil/config/application.yml{{- end }}
{{- define "vigil.policiesFile" -}}/etc/vigil/policies/policies.yaml{{- end }}
{{- define "vigil.temporalTlsDir" -}}/etc/vigil/temporal-tls{{- end }}

{{/* Egress rules shared by the NetworkPolicies, when egress is restricted at all. */}}
{{- define "vigil.networkPolicyEgress" -}}
{{- if .Values.networkPolicy.egress }}
egress:
  # DNS, then what the values allow (PostgreSQL, Kafka, Temporal, the API server, PagerDuty, ...).
  - ports:
      - { port: 53, protocol: UDP }
      - { port: 53, protocol: TCP }
  {{- toYaml .Values.networkPolicy.egress | nindent 2 }}
{{- end }}
{{- end }}
