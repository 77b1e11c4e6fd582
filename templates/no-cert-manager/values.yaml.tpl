{{- /*
Scaffold of an environment without cert-manager: no issuers and no Certificates.
Dot: .Org .Env .Environment .From and .Rest (values carried over by --from).
*/ -}}
# {{ .Env }}: {{ .Org }} cluster. Values for charts/ffnode.
{{- if .From }}
# Created by `ffgen new` from {{ .From }}.
{{- else }}
# Created by `ffgen new` (scaffold templates/no-cert-manager).
{{- end }}
#
# No cert-manager here: no cert-manager Application and no certificates Application, so no
# issuers and no Certificates. Ingresses fall back to the ingress controller's default
# (self-signed) certificate, which browsers do not trust.
{{- with .Rest.top }}

{{ toYaml . }}
{{- end }}

deploy:
  certManager: false
