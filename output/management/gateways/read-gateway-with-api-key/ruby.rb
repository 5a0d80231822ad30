require "uri"
require "net/http"

url = URI("{{apiPath}}/environments/{{envID}}/gateways/{{gatewayID}}")

http = Net::HTTP.new(url.host, url.port);
request = Net::HTTP::Get.new(url)
request["Accept"] = "application/json"
request["X-Gateway-Credential"] = "{{gatewayCredential}}"

response = http.request(request)
puts response.read_body
