var form = new FormData();
form.append("usageType", "SSL/TLS");
form.append("file", fileInput.files[0], "certificate.crt");

var settings = {
  "url": "{{apiPath}}/environments/{{envID}}/certificates",
  "method": "POST",
  "timeout": 0,
  "headers": {
    "Authorization": "Bearer {{accessToken}}"
  },
  "processData": false,
  "mimeType": "multipart/form-data",
  "contentType": false,
  "data": form
};

$.ajax(settings).done(function (response) {
  console.log(response);
});
