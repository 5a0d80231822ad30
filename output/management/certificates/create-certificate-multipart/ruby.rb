require "uri"
require "net/http"

url = URI("{{apiPath}}/environments/{{envID}}/certificates")

http = Net::HTTP.new(url.host, url.port);
request = Net::HTTP::Post.new(url)
request["Authorization"] = "Bearer {{accessToken}}"
form_data = [['usageType', 'SSL/TLS'],['file', File.open('/path/to/certificate.crt')]]
request.set_form form_data, 'multipart/form-data'
response = http.request(request)
puts response.read_body
