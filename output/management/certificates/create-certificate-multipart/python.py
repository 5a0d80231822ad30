import requests

url = "{{apiPath}}/environments/{{envID}}/certificates"

payload = {'usageType': 'SSL/TLS'}
files=[
  ('file',('certificate.crt',open('/path/to/certificate.crt','rb'),'application/octet-stream'))
]
headers = {
  'Authorization': 'Bearer {{accessToken}}'
}

response = requests.request("POST", url, headers=headers, data=payload, files=files)

print(response.text)
