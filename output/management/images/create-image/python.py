import requests

url = "{{apiPath}}/environments/{{envID}}/images"

payload = open('/path/to/logo.jpg', 'rb')
headers = {
  'Content-Type': 'image/jpeg',
  'Content-Disposition': 'attachment; filename=logo.jpg',
  'Authorization': 'Bearer {{accessToken}}'
}

response = requests.request("POST", url, headers=headers, data=payload)

print(response.text)
