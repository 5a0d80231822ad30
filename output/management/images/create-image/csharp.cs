var options = new RestClientOptions("{{apiPath}}/environments/{{envID}}/images")
{
  MaxTimeout = -1,
};
var client = new RestClient(options);
var request = new RestRequest("", Method.Post);
request.AddHeader("Content-Type", "image/jpeg");
request.AddHeader("Content-Disposition", "attachment; filename=logo.jpg");
request.AddHeader("Authorization", "Bearer {{accessToken}}");
request.AddParameter("image/jpeg", File.ReadAllBytes("/path/to/logo.jpg"), ParameterType.RequestBody);
RestResponse response = await client.ExecuteAsync(request);
Console.WriteLine(response.Content);
