{{/*
Labels shared by every object of this chart.
*/}}
{{- define "fitfile-certificates.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/*
The issuerRef of a Certificate. Takes the issuer name: letsencrypt-prod, letsencrypt-staging
(ClusterIssuers) or aws-private-ca (the AWSPCAClusterIssuer).
*/}}
{{- define "fitfile-certificates.issuerRef" -}}
name: {{ . }}
{{- if eq . "aws-private-ca" }}
kind: AWSPCAClusterIssuer
group: awspca.cert-manager.io
{{- else }}
kind: ClusterIssuer
group: cert-manager.io
{{- end }}
{{- end }}
