{{/*
The step that registers Vigil's search attributes in the Temporal namespace: `temporal operator
search-attribute list`, then `create` for each one missing, so it is idempotent. Runs as the
worker's init container (default: a worker never polls before the attributes exist) or as a Helm
hook Job (searchAttributes.mode=job).
*/}}
{{- define "vigil.searchAttributesContainer" -}}
{{- $sa := .Values.searchAttributes }}
{{- $tlsDir := include "vigil.temporalTlsDir" . }}
- name: register-search-attributes
  image: {{ printf "%s:%s" $sa.image.repository $sa.image.tag }}
  imagePullPolicy: {{ $sa.image.pullPolicy }}
  command: ["/bin/sh", "-ec"]
  args:
    - |
      set -- --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
      if [ -n "${TEMPORAL_API_KEY:-}" ]; then set -- "$@" --api-key "$TEMPORAL_API_KEY"; fi
      if [ -n "${TEMPORAL_API_KEY:-}" ] || [ "$VIGIL_TEMPORAL_TLS" = "true" ]; then set -- "$@" --tls; fi
      if [ -f {{ $tlsDir }}/tls.crt ]; then set -- "$@" --tls-cert-path {{ $tlsDir }}/tls.crt --tls-key-path {{ $tlsDir }}/tls.key; fi
      if [ -f {{ $tlsDir }}/ca.crt ]; then set -- "$@" --tls-ca-path {{ $tlsDir }}/ca.crt; fi
      {{- with .Values.temporal.tls.serverName }}
      set -- "$@" --tls-server-name {{ . | quote }}
      {{- end }}
      existing="$(temporal operator search-attribute list "$@" --output json)"
      for spec in {{ range $sa.attributes }}{{ printf "%s:%s" .name .type }} {{ end }}; do
        name="${spec%%:*}"; type="${spec#*:}"
        if printf '%s' "$existing" | grep -q "\"$name\""; then
          echo "search attribute $name exists"
        else
          if ! temporal operator search-attribute create "$@" --name "$name" --type "$type"; then
            echo "cannot create search attribute $name ($type). On Temporal Cloud create it with tcld or the Cloud UI and set searchAttributes.register=false" >&2
            exit 1
          fi
          echo "search attribute $name ($type) created"
        fi
      done
  env:
    - name: HOME
      value: /tmp
    - name: TEMPORAL_ADDRESS
      value: {{ required "temporal.target is required to register search attributes" .Values.temporal.target | quote }}
    - name: TEMPORAL_NAMESPACE
      value: {{ .Values.temporal.namespace | quote }}
    - name: TEMPORAL_API_KEY
      valueFrom:
        secretKeyRef:
          name: {{ include "vigil.secretName" . }}
          key: temporal-api-key
          optional: true
    - name: VIGIL_TEMPORAL_TLS
      value: {{ include "vigil.temporalTlsEnabled" . | default "false" | quote }}
  resources:
    {{- toYaml $sa.resources | nindent 4 }}
  securityContext:
    {{- toYaml $sa.securityContext | nindent 4 }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
    {{- if include "vigil.temporalTlsMounted" . }}
    - name: temporal-tls
      mountPath: {{ $tlsDir }}
      readOnly: true
    {{- end }}
{{- end }}
