curl --location --globoff '{{apiPath}}/environments/{{envID}}/certificates' \
--header 'Authorization: Bearer {{accessToken}}' \
--form 'usageType="SSL/TLS"' \
--form 'file=@"/path/to/certificate.crt"'
