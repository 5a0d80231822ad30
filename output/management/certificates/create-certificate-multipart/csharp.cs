var options = new RestClientOptions("{{apiPath}}/environments/{{envID}}/certificates")
{
  MaxTimeout = -1,
};
var client = new RestClient(options);
var request = new RestRequest("", Method.Post);
request.AddHeader("Authorization", "Bearer {{accessToken}}");
request.AlwaysMultipartFormData = true;
request.AddParameter("usageType", "SSL/TLS");
request.AddFile("file", "/path/to/certificate.crt");
RestResponse response = await client.ExecuteAsync(request);
Console.WriteLine(response.Content);
