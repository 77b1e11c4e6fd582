{{- /*
Scaffold of an environment whose certificates are signed by an AWS Private CA through
aws-privateca-issuer (authenticated with IRSA): no ACME issuers, no Cloudflare token.
Dot: .Org .Env .Environment .From .Issuer .Domain (optional) .PCA (Arn, Region, RoleArn)
.Certificates (name, namespace, dnsNames, secretName, issuer?) and .Rest (carried over by --from).
*/ -}}
# {{ .Env }}: {{ .Org }} cluster. Values for charts/ffnode.
{{- if .From }}
# Created by `ffgen new` from {{ .From }}.
{{- else }}
# Created by `ffgen new` (scaffold templates/aws-pca).
{{- end }}
#
# Certificates are signed by an AWS Private CA through aws-privateca-issuer (authenticated
# with IRSA), not by Let's Encrypt, so there are no ACME issuers and no Cloudflare token.
{{- with .Rest.top }}

{{ toYaml . }}
{{- end }}

deploy:
  certManager: true
  awsPrivateCAIssuer: true
{{- if or .Rest.certManager .Rest.vaultSecrets }}

certManager:
  {{- with .Rest.certManager }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  {{- with .Rest.vaultSecrets }}
  vaultSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

awsPrivateCAIssuer:
  {{- with .Rest.awsPrivateCAIssuer }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  # IAM role the aws-privateca-issuer service account assumes (IRSA); its trust policy names
  # system:serviceaccount:aws-privateca-issuer:aws-privateca-issuer.
  roleArn: {{ .PCA.RoleArn }}

certs:
  # Every Certificate uses the AWSPCAClusterIssuer "aws-private-ca".
  issuer: {{ .Issuer }}
  letsencrypt:
    enabled: false
  {{- with .Rest.certs }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  awsPca:
    enabled: true
    arn: {{ .PCA.Arn }}
    region: {{ .PCA.Region }}
  certificates:
  {{- range .Certificates }}
    - name: {{ .name }}
      namespace: {{ .namespace }}
      dnsNames:
      {{- range .dnsNames }}
        - {{ . | quote }}
      {{- end }}
      secretName: {{ .secretName }}
      {{- with .issuer }}
      issuer: {{ . }}
      {{- end }}
  {{- end }}
