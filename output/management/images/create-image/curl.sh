curl --location --globoff '{{apiPath}}/environments/{{envID}}/images' \
--header 'Content-Type: image/jpeg' \
--header 'Content-Disposition: attachment; filename=logo.jpg' \
--header 'Authorization: Bearer {{accessToken}}' \
--data-binary '@/path/to/logo.jpg'
