var options = new RestClientOptions("{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}")
{
  MaxTimeout = -1,
};
var client = new RestClient(options);
var request = new RestRequest("", Method.Get);
request.AddHeader("Accept", "application/json");
request.AddHeader("X-Gateway-Credential", "{{gatewayCredential}}");
RestResponse response = await client.ExecuteAsync(request);
Console.WriteLine(response.Content);
