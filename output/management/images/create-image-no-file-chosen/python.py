import requests

url = "{{apiPath}}/environments/{{envID}}/images"

payload = open('', 'rb')
headers = {
  'Content-Type': 'image/png',
  'Authorization': 'Bearer {{accessToken}}'
}

response = requests.request("POST", url, headers=headers, data=payload)

print(response.text)
