curl --location --globoff --request POST '{{apiPath}}/environments/{{envID}}/images' \
--header 'Content-Type: image/png' \
--header 'Authorization: Bearer {{accessToken}}' \
--data-binary '@'
