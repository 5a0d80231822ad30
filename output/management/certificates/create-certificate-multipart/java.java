OkHttpClient client = new OkHttpClient().newBuilder()
  .build();
MediaType mediaType = MediaType.parse("text/plain");
RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
  .addFormDataPart("usageType","SSL/TLS")
  .addFormDataPart("file","certificate.crt",
    RequestBody.create(MediaType.parse("application/octet-stream"),
    new File("/path/to/certificate.crt")))
  .build();
Request request = new Request.Builder()
  .url("{{apiPath}}/environments/{{envID}}/certificates")
  .method("POST", body)
  .addHeader("Authorization", "Bearer {{accessToken}}")
  .build();
Response response = client.newCall(request).execute();
