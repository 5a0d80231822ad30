package main

import (
  "fmt"
  "bytes"
  "os"
  "net/http"
  "io"
)

func main() {

  url := "{{apiPath}}/environments/{{envID}}/images"
  method := "POST"

  data, err := os.ReadFile("/path/to/logo.jpg")
  if err != nil {
    fmt.Println(err)
    return
  }
  payload := bytes.NewReader(data)

  client := &http.Client {
  }
  req, err := http.NewRequest(method, url, payload)

  if err != nil {
    fmt.Println(err)
    return
  }
  req.Header.Add("Content-Type", "image/jpeg")
  req.Header.Add("Content-Disposition", "attachment; filename=logo.jpg")
  req.Header.Add("Authorization", "Bearer {{accessToken}}")

  res, err := client.Do(req)
  if err != nil {
    fmt.Println(err)
    return
  }
  defer res.Body.Close()

  body, err := io.ReadAll(res.Body)
  if err != nil {
    fmt.Println(err)
    return
  }
  fmt.Println(string(body))
}
