import requests

url = "{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}"

payload = {}
headers = {
  'Accept': 'application/json',
  'X-Gateway-Credential': '{{gatewayCredential}}'
}

response = requests.request("GET", url, headers=headers, data=payload)

print(response.text)
