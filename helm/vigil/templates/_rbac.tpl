{{/*
What each Kubernetes action needs from the API server, and nothing more. The worker's role is the
union over actions.kubernetes.allowed. Owner lookups (target: owner) walk pod -> ReplicaSet ->
Deployment, hence pods and replicasets get/list for the workload actions. fabric8's scale() reads
and replaces the /scale subresource, hence deployments/scale and statefulsets/scale get/update.
*/}}
{{- define "vigil.actionGrants" -}}
deletePod:
  - { group: "", resource: pods, verbs: [get, list, delete] }
rolloutRestart:
  - { group: "", resource: pods, verbs: [get, list] }
  - { group: apps, resource: replicasets, verbs: [get, list] }
  - { group: apps, resource: deployments, verbs: [get, list, patch] }
  - { group: apps, resource: statefulsets, verbs: [get, list, patch] }
scale:
  - { group: "", resource: pods, verbs: [get, list] }
  - { group: apps, resource: replicasets, verbs: [get, list] }
  - { group: apps, resource: deployments, verbs: [get, list, patch] }
  - { group: apps, resource: statefulsets, verbs: [get, list, patch] }
  - { group: apps, resource: deployments/scale, verbs: [get, update] }
  - { group: apps, resource: statefulsets/scale, verbs: [get, update] }
patchResources:
  - { group: "", resource: pods, verbs: [get, list] }
  - { group: apps, resource: replicasets, verbs: [get, list] }
  - { group: apps, resource: deployments, verbs: [get, list, patch] }
  - { group: apps, resource: statefulsets, verbs: [get, list, patch] }
cordon:
  - { group: "", resource: nodes, verbs: [get, list, patch] }
drain:
  - { group: "", resource: nodes, verbs: [get, list, patch] }
  - { group: "", resource: pods, verbs: [get, list] }
  - { group: "", resource: pods/eviction, verbs: [create] }
  - { group: policy, resource: poddisruptionbudgets, verbs: [get, list] }
{{- end }}

{{/* The merged grants as a map "group|resource" -> sorted verbs, serialized as YAML. */}}
{{- define "vigil.grants" -}}
{{- $catalog := include "vigil.actionGrants" . | fromYaml }}
{{- $grants := dict }}
{{- range $action := .Values.actions.kubernetes.allowed }}
{{- if not (hasKey $catalog $action) }}
{{- fail (printf "actions.kubernetes.allowed: unknown action %q (known: %s)" $action (keys $catalog | sortAlpha | join ", ")) }}
{{- end }}
{{- range (get $catalog $action) }}
{{- $key := printf "%s|%s" .group .resource }}
{{- $verbs := concat (hasKey $grants $key | ternary (get $grants $key) list) .verbs }}
{{- $_ := set $grants $key ($verbs | uniq | sortAlpha) }}
{{- end }}
{{- end }}
{{- toYaml $grants }}
{{- end }}

{{- define "vigil.rbacRules" -}}
{{- $grants := include "vigil.grants" . | fromYaml }}
{{- range $key := keys $grants | sortAlpha }}
{{- $parts := splitList "|" $key }}
- apiGroups: [{{ index $parts 0 | quote }}]
  resources: [{{ index $parts 1 | quote }}]
  verbs: {{ get $grants $key | toJson }}
{{- end }}
{{- end }}
