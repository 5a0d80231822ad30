require "uri"
require "net/http"

url = URI("{{apiPath}}/environments/{{envID}}/images")

http = Net::HTTP.new(url.host, url.port);
request = Net::HTTP::Post.new(url)
request["Content-Type"] = "image/jpeg"
request["Content-Disposition"] = "attachment; filename=logo.jpg"
request["Authorization"] = "Bearer {{accessToken}}"
request.body = File.binread("/path/to/logo.jpg")

response = http.request(request)
puts response.read_body
