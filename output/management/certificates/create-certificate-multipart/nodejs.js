var request = require('request');
var fs = require('fs');
var options = {
  'method': 'POST',
  'url': '{{apiPath}}/environments/{{envID}}/certificates',
  'headers': {
    'Authorization': 'Bearer {{accessToken}}'
  },
  formData: {
    'usageType': 'SSL/TLS',
    'file': {
      'value': fs.createReadStream('/path/to/certificate.crt'),
      'options': {
        'filename': 'certificate.crt',
        'contentType': null
      }
    }
  }
};
request(options, function (error, response) {
  if (error) throw new Error(error);
  console.log(response.body);
});
