curl --location --globoff '{{authPath}}/{{envID}}/as/token' \
--header 'Content-Type: application/x-www-form-urlencoded' \
--header 'Authorization: Basic e3twYXNzd29yZGxlc3NBcHBJRH19Ont7cGFzc3dvcmRsZXNzQXBwU2VjcmV0fX0=' \
--data-urlencode 'grant_type=authorization_code' \
--data-urlencode 'code={{authCode}}' \
--data-urlencode 'redirect_uri=https://www.google.com'
