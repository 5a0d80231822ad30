var settings = {
  "url": "{{apiPath}}/environments/{{envID}}/images",
  "method": "POST",
  "timeout": 0,
  "headers": {
    "Content-Type": "image/png",
    "Authorization": "Bearer {{accessToken}}"
  },
  "processData": false,
  "data": fileInput.files[0],
};

$.ajax(settings).done(function (response) {
  console.log(response);
});
