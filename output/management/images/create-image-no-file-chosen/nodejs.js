var request = require('request');
var fs = require('fs');
var options = {
  'method': 'POST',
  'url': '{{apiPath}}/environments/{{envID}}/images',
  'headers': {
    'Content-Type': 'image/png',
    'Authorization': 'Bearer {{accessToken}}'
  },
  body: fs.readFileSync('')

};
request(options, function (error, response) {
  if (error) throw new Error(error);
  console.log(response.body);
});
