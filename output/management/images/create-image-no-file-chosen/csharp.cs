var options = new RestClientOptions("{{apiPath}}/environments/{{envID}}/images")
{
  MaxTimeout = -1,
};
var client = new RestClient(options);
var request = new RestRequest("", Method.Post);
request.AddHeader("Content-Type", "image/png");
request.AddHeader("Authorization", "Bearer {{accessToken}}");
request.AddParameter("image/png", File.ReadAllBytes(""), ParameterType.RequestBody);
RestResponse response = await client.ExecuteAsync(request);
Console.WriteLine(response.Content);
