var settings = {
  "url": "{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}",
  "method": "GET",
  "timeout": 0,
  "headers": {
    "Accept": "application/json",
    "X-Gateway-Credential": "{{gatewayCredential}}"
  },
};

$.ajax(settings).done(function (response) {
  console.log(response);
});
