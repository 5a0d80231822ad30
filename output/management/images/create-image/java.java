OkHttpClient client = new OkHttpClient().newBuilder()
  .build();
MediaType mediaType = MediaType.parse("image/jpeg");
RequestBody body = RequestBody.create(mediaType, new File("/path/to/logo.jpg"));
Request request = new Request.Builder()
  .url("{{apiPath}}/environments/{{envID}}/images")
  .method("POST", body)
  .addHeader("Content-Type", "image/jpeg")
  .addHeader("Content-Disposition", "attachment; filename=logo.jpg")
  .addHeader("Authorization", "Bearer {{accessToken}}")
  .build();
Response response = client.newCall(request).execute();
