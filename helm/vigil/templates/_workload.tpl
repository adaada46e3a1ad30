{{/*
The three services share one pod shape; these templates take (dict "ctx" $ "component" "<name>")
and read the component's values from .Values.<component>.
*/}}

{{/* Whether a component's replica count is owned by an autoscaler (HPA or KEDA). */}}
{{- define "vigil.autoscaled" -}}
{{- $v := index .ctx.Values .component }}
{{- if and (eq .component "worker") $v.keda.enabled }}true
{{- else if $v.autoscaling.enabled }}true
{{- end }}
{{- end }}

{{/* A variable from the chart's Secret. (list $ "ENV_NAME" "secret-key" optional) */}}
{{- define "vigil.secretEnv" -}}
{{- $ctx := index . 0 -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "vigil.secretName" $ctx }}
      key: {{ index . 2 }}
      {{- if index . 3 }}
      optional: true
      {{- end }}
{{- end }}

{{- define "vigil.env" -}}
{{- $ctx := .ctx }}
{{- $component := .component }}
{{- $v := index $ctx.Values $component }}
- name: MICRONAUT_CONFIG_FILES
  value: {{ include "vigil.configFile" $ctx }}
- name: VIGIL_POLICIES_FILE
  value: {{ include "vigil.policiesFile" $ctx }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $v.javaToolOptions | quote }}
{{- /* The services bind 127.0.0.1 and their own ports by default; in a pod: all interfaces, the
       container port the probes and Services use. */}}
- name: VIGIL_HTTP_HOST
  value: "0.0.0.0"
- name: VIGIL_HTTP_PORT
  value: "8080"
- name: VIGIL_LOG_FORMAT
  value: {{ $ctx.Values.logFormat | default "json" | quote }}
{{ include "vigil.secretEnv" (list $ctx "DATASOURCES_DEFAULT_URL" "database-url" false) }}
{{ include "vigil.secretEnv" (list $ctx "DATASOURCES_DEFAULT_USERNAME" "database-username" false) }}
{{ include "vigil.secretEnv" (list $ctx "DATASOURCES_DEFAULT_PASSWORD" "database-password" false) }}
{{ include "vigil.secretEnv" (list $ctx "KAFKA_BOOTSTRAP_SERVERS" "kafka-bootstrap-servers" false) }}
{{ include "vigil.secretEnv" (list $ctx "KAFKA_SASL_JAAS_CONFIG" "kafka-sasl-jaas-config" true) }}
{{ include "vigil.secretEnv" (list $ctx "VIGIL_TEMPORAL_TARGET" "temporal-target" true) }}
{{ include "vigil.secretEnv" (list $ctx "VIGIL_TEMPORAL_NAMESPACE" "temporal-namespace" true) }}
{{ include "vigil.secretEnv" (list $ctx "VIGIL_TEMPORAL_API_KEY" "temporal-api-key" true) }}
{{- if eq $component "worker" }}
{{ include "vigil.secretEnv" (list $ctx "VIGIL_PAGING_PAGERDUTY_ROUTING_KEY" "pagerduty-routing-key" true) }}
{{- if $ctx.Values.actions.docker.enabled }}
- name: DOCKER_HOST
  value: {{ printf "unix://%s" $ctx.Values.actions.docker.socketPath | quote }}
{{- end }}
{{- else }}
{{ include "vigil.secretEnv" (list $ctx "VIGIL_API_TOKENS" "api-tokens" true) }}
{{- end }}
{{- if eq $component "api" }}
{{- with $v.tenancy }}
- name: VIGIL_TENANCY_ORG_LABEL
  value: {{ .orgLabel | default "vigil.dev/org" | quote }}
- name: VIGIL_TENANCY_CLUSTER_ORGS
  value: {{ .clusterOrgs | default "" | quote }}
- name: VIGIL_TENANCY_DEFAULT_ORG
  value: {{ .defaultOrg | default "default" | quote }}
- name: VIGIL_API_AUDIT_READS
  value: {{ if eq (toString .auditReads) "false" }}"false"{{ else }}"true"{{ end }}
{{- end }}
- name: VIGIL_GRPC_ENABLED
  value: {{ $v.grpc.enabled | quote }}
- name: VIGIL_GRPC_HOST
  value: "0.0.0.0"
- name: VIGIL_GRPC_PORT
  value: "9090"
{{- if and $v.grpc.enabled $v.grpc.tlsSecret }}
- name: VIGIL_GRPC_TLS_CERT
  value: /etc/vigil/grpc-tls/tls.crt
- name: VIGIL_GRPC_TLS_KEY
  value: /etc/vigil/grpc-tls/tls.key
{{- end }}
{{- end }}
{{- include "vigil.otelEnv" . }}
{{- with $v.env }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* OpenTelemetry: service name and resource attributes (k8s.* from the downward API) always, so
     log lines and spans name their pod; the OTLP exporter only when an endpoint is set (without
     one the services export nothing). */}}
{{- define "vigil.otelEnv" -}}
{{- $ctx := .ctx }}
{{- $otel := $ctx.Values.otel }}
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: K8S_POD_UID
  valueFrom:
    fieldRef:
      fieldPath: metadata.uid
- name: K8S_NAMESPACE_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: K8S_NODE_NAME
  valueFrom:
    fieldRef:
      fieldPath: spec.nodeName
- name: OTEL_SERVICE_NAME
  value: {{ printf "vigil-%s" .component | quote }}
{{- $attrs := list
      "service.namespace=vigil"
      (printf "service.version=%s" (default $ctx.Chart.AppVersion $ctx.Values.image.tag))
      "service.instance.id=$(K8S_POD_UID)"
      "k8s.pod.name=$(K8S_POD_NAME)"
      "k8s.pod.uid=$(K8S_POD_UID)"
      "k8s.namespace.name=$(K8S_NAMESPACE_NAME)"
      "k8s.node.name=$(K8S_NODE_NAME)"
      (printf "k8s.deployment.name=%s" (include "vigil.componentName" .))
      (printf "k8s.container.name=%s" .component) }}
{{- range $k, $val := $otel.resourceAttributes }}
{{- $attrs = append $attrs (printf "%s=%v" $k $val) }}
{{- end }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ join "," $attrs | quote }}
{{- if $otel.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $otel.endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $otel.protocol | quote }}
{{- end }}
{{- end }}

{{- define "vigil.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
periodSeconds: {{ .periodSeconds }}
timeoutSeconds: {{ .timeoutSeconds }}
failureThreshold: {{ .failureThreshold }}
{{- end }}

{{- define "vigil.deployment" -}}
{{- $ctx := .ctx }}
{{- $component := .component }}
{{- $v := index $ctx.Values $component }}
{{- $isWorker := eq $component "worker" }}
{{- $docker := and $isWorker $ctx.Values.actions.docker.enabled }}
{{- $grpc := and (eq $component "api") $v.grpc.enabled }}
{{- $grpcTls := and $grpc $v.grpc.tlsSecret }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "vigil.componentName" . }}
  labels:
    {{- include "vigil.componentLabels" . | nindent 4 }}
spec:
  {{- if not (include "vigil.autoscaled" .) }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "vigil.componentSelectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "vigil.componentSelectorLabels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include (print $ctx.Template.BasePath "/configmap.yaml") $ctx | sha256sum }}
        checksum/secret: {{ include (print $ctx.Template.BasePath "/secret.yaml") $ctx | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- if $isWorker }}
      serviceAccountName: {{ include "vigil.workerServiceAccountName" $ctx }}
      automountServiceAccountToken: {{ $ctx.Values.actions.kubernetes.enabled }}
      {{- else }}
      serviceAccountName: {{ include "vigil.serviceAccountName" $ctx }}
      automountServiceAccountToken: false
      {{- end }}
      {{- with $ctx.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $ctx.Values.podSecurityContext | nindent 8 }}
        {{- if and $docker (not (kindIs "invalid" $ctx.Values.actions.docker.socketGroupId)) }}
        supplementalGroups: [{{ $ctx.Values.actions.docker.socketGroupId }}]
        {{- end }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      {{- if and $isWorker $ctx.Values.searchAttributes.register (eq $ctx.Values.searchAttributes.mode "initContainer") }}
      initContainers:
        {{- include "vigil.searchAttributesContainer" $ctx | trim | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ $component }}
          image: {{ include "vigil.image" $ctx }}
          imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
          args: [{{ $component | quote }}]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            {{- if $grpc }}
            - name: grpc
              containerPort: 9090
              protocol: TCP
            {{- end }}
          env:
            {{- include "vigil.env" . | trim | nindent 12 }}
          startupProbe:
            {{- include "vigil.probe" $ctx.Values.probes.startup | nindent 12 }}
          livenessProbe:
            {{- include "vigil.probe" $ctx.Values.probes.liveness | nindent 12 }}
          readinessProbe:
            {{- include "vigil.probe" $ctx.Values.probes.readiness | nindent 12 }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $ctx.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: {{ include "vigil.configFile" $ctx | dir }}
              readOnly: true
            - name: policies
              mountPath: {{ include "vigil.policiesFile" $ctx | dir }}
              readOnly: true
            - name: tmp
              mountPath: /tmp
            {{- if include "vigil.temporalTlsMounted" $ctx }}
            - name: temporal-tls
              mountPath: {{ include "vigil.temporalTlsDir" $ctx }}
              readOnly: true
            {{- end }}
            {{- if $docker }}
            - name: docker-socket
              mountPath: {{ $ctx.Values.actions.docker.socketPath }}
            {{- end }}
            {{- if $grpcTls }}
            - name: grpc-tls
              mountPath: /etc/vigil/grpc-tls
              readOnly: true
            {{- end }}
      volumes:
        - name: config
          configMap:
            name: {{ include "vigil.fullname" $ctx }}-config
        - name: policies
          configMap:
            name: {{ include "vigil.policiesConfigMapName" $ctx }}
        - name: tmp
          emptyDir: {}
        {{- if include "vigil.temporalTlsMounted" $ctx }}
        - name: temporal-tls
          secret:
            secretName: {{ include "vigil.temporalTlsSecretName" $ctx }}
        {{- end }}
        {{- if $docker }}
        - name: docker-socket
          hostPath:
            path: {{ $ctx.Values.actions.docker.socketPath }}
            type: Socket
        {{- end }}
        {{- if $grpcTls }}
        - name: grpc-tls
          secret:
            secretName: {{ $v.grpc.tlsSecret }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{- define "vigil.service" -}}
{{- $v := index .ctx.Values .component }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "vigil.componentName" . }}
  labels:
    {{- include "vigil.componentLabels" . | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $v.service.type }}
  selector:
    {{- include "vigil.componentSelectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.service.port }}
      targetPort: http
      protocol: TCP
    {{- if and (eq .component "api") $v.grpc.enabled }}
    - name: grpc
      port: {{ $v.grpc.port }}
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
    {{- end }}
{{- end }}

{{- define "vigil.pdb" -}}
{{- $v := index .ctx.Values .component }}
{{- if $v.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "vigil.componentName" . }}
  labels:
    {{- include "vigil.componentLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "vigil.componentSelectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* CPU HPA; the worker's is replaced by the KEDA ScaledObject when keda.enabled. */}}
{{- define "vigil.hpa" -}}
{{- $v := index .ctx.Values .component }}
{{- $keda := and (eq .component "worker") $v.keda.enabled }}
{{- if and $v.autoscaling.enabled (not $keda) }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "vigil.componentName" . }}
  labels:
    {{- include "vigil.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "vigil.componentName" . }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}

{{/* Deployment, Service, PodDisruptionBudget and HPA of one component, as one YAML stream. */}}
{{- define "vigil.workload" -}}
{{ include "vigil.deployment" . }}
---
{{ include "vigil.service" . }}
{{- with include "vigil.pdb" . }}
---
{{ . }}
{{- end }}
{{- with include "vigil.hpa" . }}
---
{{ . }}
{{- end }}
{{- end }}
