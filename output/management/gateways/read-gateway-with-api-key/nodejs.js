var request = require('request');
var options = {
  'method': 'GET',
  'url': '{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}',
  'headers': {
    'Accept': 'application/json',
    'X-Gateway-Credential': '{{gatewayCredential}}'
  }
};
request(options, function (error, response) {
  if (error) throw new Error(error);
  console.log(response.body);
});
