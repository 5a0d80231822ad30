var request = require('request');
var fs = require('fs');
var options = {
  'method': 'POST',
  'url': '{{apiPath}}/environments/{{envID}}/images',
  'headers': {
    'Content-Type': 'image/jpeg',
    'Content-Disposition': 'attachment; filename=logo.jpg',
    'Authorization': 'Bearer {{accessToken}}'
  },
  body: fs.readFileSync('/path/to/logo.jpg')

};
request(options, function (error, response) {
  if (error) throw new Error(error);
  console.log(response.body);
});
