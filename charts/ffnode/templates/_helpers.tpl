{{/*
Metadata of a child Application. Takes a dict: "root" (the chart context), "name" (the
Application's name) and "wave" (its Argo CD sync wave; lower waves sync first).
The finalizer makes deleting the Application delete the resources it deployed.
*/}}
{{- define "ffnode.applicationMetadata" -}}
name: {{ .name }}
namespace: {{ .root.Values.argocd.namespace }}
labels:
  app.kubernetes.io/name: {{ .name }}
  app.kubernetes.io/part-of: {{ .root.Release.Name }}
  app.kubernetes.io/managed-by: {{ .root.Release.Service }}
  helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
annotations:
  argocd.argoproj.io/sync-wave: {{ .wave | quote }}
finalizers:
  - resources-finalizer.argocd.argoproj.io
{{- end }}

{{/*
syncPolicy of a child Application: argocd.automated and argocd.retry from values plus the
Application's own sync options. Takes a dict: "root" (the chart context) and "syncOptions"
(a list of Argo CD sync options).
*/}}
{{- define "ffnode.syncPolicy" -}}
{{- $policy := dict }}
{{- with .root.Values.argocd.automated }}
{{- $_ := set $policy "automated" . }}
{{- end }}
{{- with .syncOptions }}
{{- $_ := set $policy "syncOptions" . }}
{{- end }}
{{- with .root.Values.argocd.retry }}
{{- $_ := set $policy "retry" . }}
{{- end }}
{{- toYaml $policy }}
{{- end }}
