let postData = try! Data(contentsOf: URL(fileURLWithPath: "/path/to/logo.jpg"))

var request = URLRequest(url: URL(string: "{{apiPath}}/environments/{{envID}}/images")!,timeoutInterval: Double.infinity)
request.addValue("image/jpeg", forHTTPHeaderField: "Content-Type")
request.addValue("attachment; filename=logo.jpg", forHTTPHeaderField: "Content-Disposition")
request.addValue("Bearer {{accessToken}}", forHTTPHeaderField: "Authorization")

request.httpMethod = "POST"
request.httpBody = postData

let task = URLSession.shared.dataTask(with: request) { data, response, error in
  guard let data = data else {
    print(String(describing: error))
    return
  }
  print(String(data: data, encoding: .utf8)!)
}

task.resume()
