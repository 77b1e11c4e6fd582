{{- /*
Scaffold of an environment whose certificates come from Let's Encrypt (staging or production),
solving DNS01 challenges through Cloudflare with an API token read from Vault.
Dot: .Org .Env .Environment .From .Issuer .Domain (optional) .VaultPath .Certificates
(name, namespace, dnsNames, secretName, issuer?) and .Rest (values carried over by --from).
*/ -}}
# {{ .Env }}: {{ .Org }} cluster. Values for charts/ffnode.
{{- if .From }}
# Created by `ffgen new` from {{ .From }}.
{{- else }}
# Created by `ffgen new` (scaffold templates/letsencrypt).
{{- end }}
{{- with .Rest.top }}

{{ toYaml . }}
{{- end }}

deploy:
  # cert-manager and the certificates Application (Let's Encrypt through Cloudflare DNS01).
  certManager: true

certManager:
  {{- with .Rest.certManager }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  # The Cloudflare API token for DNS01 challenges, read from Vault (kv path
  # {{ printf "%q" .VaultPath }}, key "api_token") into the Secret the ClusterIssuers use.
  vaultSecrets:
    - secretName: "cloudflare-issuer-api-token"
      vaultPath: {{ .VaultPath | quote }}
      secretTransformation:
        # Drop the raw Vault keys; keep only the templated "api-token" key.
        excludes:
          - .*
        templates:
          api-token:
            # Escaped for two Helm passes (charts/ffnode, then charts/certs); the
            # VaultStaticSecret receives {{ "{{" }}get .Secrets "api_token"{{ "}}" }}.
            text: {{ "'{{\"{{`{{get .Secrets \\\"api_token\\\"}}`}}\"}}'" }}
    {{- with .Rest.vaultSecrets }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- with .Rest.awsPrivateCAIssuer }}

awsPrivateCAIssuer:
  {{- toYaml . | nindent 2 }}
{{- end }}

certs:
  {{- if eq .Issuer "letsencrypt-staging" }}
  # Let's Encrypt staging: certificates browsers do not trust, for checking that issuance
  # works. Switch to letsencrypt-prod when the environment goes live.
  {{- else }}
  # Let's Encrypt production: trusted certificates (mind its rate limits).
  {{- end }}
  issuer: {{ .Issuer }}
  {{- with .Rest.certs }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
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
