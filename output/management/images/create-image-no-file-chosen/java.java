OkHttpClient client = new OkHttpClient().newBuilder()
  .build();
MediaType mediaType = MediaType.parse("image/png");
RequestBody body = RequestBody.create(mediaType, new File(""));
Request request = new Request.Builder()
  .url("{{apiPath}}/environments/{{envID}}/images")
  .method("POST", body)
  .addHeader("Content-Type", "image/png")
  .addHeader("Authorization", "Bearer {{accessToken}}")
  .build();
Response response = client.newCall(request).execute();
