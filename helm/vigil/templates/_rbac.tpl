{{/*
What each Kubernetes action calls on the API server (KubernetesActivitiesImpl and its helpers in
activities/.../kubernetes), and nothing more. The worker's role is the union over
actions.kubernetes.allowed.
- deletePod: pods get (is it there?) and delete.
- workload actions: the owner lookup (target: owner) gets the pod and its ReplicaSet; the change is
  fabric8's edit() or rolling().restart() on the Deployment/StatefulSet, a get and a patch (scale
  too: spec.replicas is patched, the /scale subresource is not used).
- cordon: nodes get and patch (spec.unschedulable).
- drain: cordon, list the node's pods (all namespaces), evict each (pods/eviction create; the API
  server enforces PodDisruptionBudgets itself), get each until it is gone.
*/}}
{{- define "vigil.actionGrants" -}}
deletePod:
  - { group: "", resource: pods, verbs: [get, delete] }
rolloutRestart:
  - { group: "", resource: pods, verbs: [get] }
  - { group: apps, resource: replicasets, verbs: [get] }
  - { group: apps, resource: deployments, verbs: [get, patch] }
  - { group: apps, resource: statefulsets, verbs: [get, patch] }
scale:
  - { group: "", resource: pods, verbs: [get] }
  - { group: apps, resource: replicasets, verbs: [get] }
  - { group: apps, resource: deployments, verbs: [get, patch] }
  - { group: apps, resource: statefulsets, verbs: [get, patch] }
patchResources:
  - { group: "", resource: pods, verbs: [get] }
  - { group: apps, resource: replicasets, verbs: [get] }
  - { group: apps, resource: deployments, verbs: [get, patch] }
  - { group: apps, resource: statefulsets, verbs: [get, patch] }
cordon:
  - { group: "", resource: nodes, verbs: [get, patch] }
drain:
  - { group: "", resource: nodes, verbs: [get, patch] }
  - { group: "", resource: pods, verbs: [get, list] }
  - { group: "", resource: pods/eviction, verbs: [create] }
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
