curl --location --globoff '{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}' \
--header 'Accept: application/json' \
--header 'X-Gateway-Credential: {{gatewayCredential}}'
