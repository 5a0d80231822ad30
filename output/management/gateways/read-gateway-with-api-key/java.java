OkHttpClient client = new OkHttpClient().newBuilder()
  .build();
Request request = new Request.Builder()
  .url("{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}")
  .method("GET", null)
  .addHeader("Accept", "application/json")
  .addHeader("X-Gateway-Credential", "{{gatewayCredential}}")
  .build();
Response response = client.newCall(request).execute();
