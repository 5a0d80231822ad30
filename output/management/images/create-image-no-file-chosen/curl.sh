curl --location --globoff '{{apiPath}}/environments/{{envID}}/images' \
--header 'Content-Type: image/png' \
--header 'Authorization: Bearer {{accessToken}}' \
--data-binary '@'
