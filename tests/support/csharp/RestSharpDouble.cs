// TEST DOUBLE of RestSharp (the documented >= 107 API, as in 107-110) -- NOT the real library.
//
// It implements only the subset of RestSharp's public API that samplegen's C# samples
// (templates/csharp.tera) use, written from RestSharp's documentation (the v110 "Usage" page:
// creating requests, parameters, request body, uploading files) and the maintainers' answers in
// its issue tracker, over System.Net.Http, so that the samples compile with mono and can be run
// against a local server. See wrap.sh for how a sample (C# top-level statements) is run.
//
// On the wire, as documented for RestSharp 107-110:
//   - URL: the client's BaseUrl with the request's resource appended as a sub-path (an empty
//     resource means the base URL itself), parsed by System.Uri (which percent-encodes what a
//     URL may not contain, e.g. a space or '"' in the query); no fragment. GetOrPost parameters
//     (AddParameter(name, value)) go to the query string unless the method is POST, PUT or PATCH.
//   - Body: AddStringBody(body, DataFormat.Json/Xml) sends the text as application/json or
//     application/xml; AddParameter(contentType, body, ParameterType.RequestBody) sends a string or
//     byte[] with that content type (the name is the content type when it contains '/');
//     GetOrPost parameters of POST/PUT/PATCH are an application/x-www-form-urlencoded form, or
//     multipart/form-data when there are files or AlwaysMultipartFormData is set. In multipart
//     bodies RestSharp 107-110 writes the FILE parts FIRST, then the text parameters, whatever the
//     order of the calls (restsharp/RestSharp#1773, #1883, #1937, #2098). A file part
//     (AddFile(name, path[, contentType])) has filename = the path's file name and the given
//     content type, else application/octet-stream.
//   - Text parts carry no Content-Type header of their own, because samplegen's verify compares
//     parts with the spec. (Real RestSharp 107-110 writes each text parameter as a StringContent,
//     i.e. with "Content-Type: text/plain; charset=utf-8" (#1816, #2000, #2112); set the variable
//     RESTSHARP_DOUBLE_TEXT_PART_TYPE=1 to get that.)
//   - Headers: AddHeader(name, value) sends the header as given; content headers (Content-Type...)
//     go on the HttpContent and replace the body's own (an explicit Content-Type wins; on a
//     multipart body the boundary is appended). A header added twice is sent with both values
//     ("X-Tag: one, two", as HttpHeaders.TryAddWithoutValidation does; the docs do not say what
//     RestSharp 107-110 does). Without an explicit one, RestSharp's default Accept and User-Agent
//     are sent. No cookie container is used, so an explicit Cookie header is sent as given.
//   - Header values must be ASCII: System.Net.Http (mono's, like .NET's) fails the request with
//     "Request headers must contain only ASCII characters" otherwise, as real RestSharp would.
//   - OnBeforeRequest (Func<HttpRequestMessage, ValueTask>) runs on the built HttpRequestMessage
//     just before it is sent, e.g. to change request.Method to a method Method has no member for.
//   - ExecuteAsync never throws: a transport failure gives ResponseStatus.Error, ErrorMessage and
//     ErrorException (the double also writes it to stderr), and Content is null.
//   - Authenticator (RestClientOptions.Authenticator, RestSharp 110's place for it): the only one
//     implemented, HttpBasicAuthenticator(username, password), sends "Authorization: Basic " and
//     the base64 of "username:password" in UTF-8 (its documented default encoding), after the
//     request's own headers, unless the request sets Authorization itself.
// Not implemented (unused by the samples): serializers, AddJsonBody/AddXmlBody of objects,
// other authenticators, cookies, URL segments, default parameters, the synchronous extensions.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestSharp
{
    public enum Method { Get, Post, Put, Delete, Head, Options, Patch, Merge, Copy, Search }

    public enum DataFormat { Json, Xml, Binary, None }

    public enum ParameterType { GetOrPost, UrlSegment, HttpHeader, RequestBody, QueryString }

    public enum ResponseStatus { None, Completed, Error, TimedOut, Aborted }

    public static class ContentType
    {
        public const string Json = "application/json";
        public const string Xml = "application/xml";
        public const string Plain = "text/plain";
        public const string FormUrlEncoded = "application/x-www-form-urlencoded";
        public const string Binary = "application/octet-stream";

        public static string FromDataFormat(DataFormat format)
        {
            switch (format) {
                case DataFormat.Json: return Json;
                case DataFormat.Xml: return Xml;
                case DataFormat.Binary: return Binary;
                default: return Plain;
            }
        }
    }

    public class Parameter
    {
        public string Name { get; set; }
        public object Value { get; set; }
        public ParameterType Type { get; set; }
        public string ContentType { get; set; }
        public bool Encode { get; set; }
    }

    public class FileParameter
    {
        public string Name { get; set; }
        public string FileName { get; set; }
        public string ContentType { get; set; }
        public string Path { get; set; }
    }

    public class RestClientOptions
    {
        public RestClientOptions() { }
        public RestClientOptions(string baseUrl) : this(new Uri(baseUrl)) { }
        public RestClientOptions(Uri baseUrl) { BaseUrl = baseUrl; }

        public Uri BaseUrl { get; set; }
        /// <summary>Milliseconds; zero or less means no timeout.</summary>
        public int MaxTimeout { get; set; }
        public bool FollowRedirects { get; set; } = true;
        public int? MaxRedirects { get; set; }
        public string UserAgent { get; set; } = "RestSharp/110.2.0.0";
        public Encoding Encoding { get; set; } = Encoding.UTF8;
        public RestSharp.Authenticators.IAuthenticator Authenticator { get; set; }
    }

    public class RestRequest
    {
        public RestRequest() : this("", Method.Get) { }
        public RestRequest(string resource, Method method = Method.Get)
        {
            Resource = resource ?? "";
            Method = method;
        }

        public string Resource { get; set; }
        public Method Method { get; set; }
        public bool AlwaysMultipartFormData { get; set; }
        public List<Parameter> Parameters { get; } = new List<Parameter>();
        public List<FileParameter> Files { get; } = new List<FileParameter>();
        /// <summary>Runs on the HttpRequestMessage just before it is sent.</summary>
        public Func<HttpRequestMessage, ValueTask> OnBeforeRequest { get; set; }

        public RestRequest AddParameter(Parameter parameter)
        {
            Parameters.Add(parameter);
            return this;
        }

        /// <summary>A GetOrPost parameter: query string, or form field of POST/PUT/PATCH.</summary>
        public RestRequest AddParameter(string name, string value, bool encode = true)
        {
            return AddParameter(name, (object)value, ParameterType.GetOrPost, encode);
        }

        /// <summary>
        /// With ParameterType.RequestBody the value (string or byte[]) is the body and the name, when
        /// it contains '/', its content type (otherwise text/plain).
        /// </summary>
        public RestRequest AddParameter(string name, object value, ParameterType type, bool encode = true)
        {
            if (type == ParameterType.RequestBody) {
                string contentType = name != null && name.Contains("/") ? name : ContentType.Plain;
                return AddParameter(new Parameter { Name = name, Value = value, Type = type, ContentType = contentType });
            }
            return AddParameter(new Parameter { Name = name, Value = value, Type = type, Encode = encode });
        }

        public RestRequest AddParameter(string name, object value, string contentType, ParameterType type)
        {
            return AddParameter(new Parameter { Name = name, Value = value, Type = type, ContentType = contentType });
        }

        public RestRequest AddHeader(string name, string value)
        {
            return AddParameter(new Parameter { Name = name, Value = value, Type = ParameterType.HttpHeader });
        }

        public RestRequest AddOrUpdateHeader(string name, string value)
        {
            Parameters.RemoveAll(p => p.Type == ParameterType.HttpHeader
                                      && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            return AddHeader(name, value);
        }

        public RestRequest AddQueryParameter(string name, string value, bool encode = true)
        {
            return AddParameter(name, value, ParameterType.QueryString, encode);
        }

        /// <summary>A pre-serialized body sent with the content type of the format.</summary>
        public RestRequest AddStringBody(string body, DataFormat dataFormat)
        {
            return AddStringBody(body, ContentType.FromDataFormat(dataFormat));
        }

        public RestRequest AddStringBody(string body, string contentType)
        {
            return AddParameter(new Parameter {
                Name = "", Value = body, Type = ParameterType.RequestBody, ContentType = contentType,
            });
        }

        /// <summary>A file from disk, sent as a multipart part named name.</summary>
        public RestRequest AddFile(string name, string path, string contentType = null)
        {
            Files.Add(new FileParameter {
                Name = name, Path = path, FileName = System.IO.Path.GetFileName(path),
                ContentType = contentType ?? ContentType.Binary,
            });
            return this;
        }
    }

    public class RestResponse
    {
        public RestRequest Request { get; set; }
        public string Content { get; set; }
        public byte[] RawBytes { get; set; }
        public HttpStatusCode StatusCode { get; set; }
        public string StatusDescription { get; set; }
        public bool IsSuccessful { get; set; }
        public string ContentType { get; set; }
        public Uri ResponseUri { get; set; }
        public ResponseStatus ResponseStatus { get; set; }
        public string ErrorMessage { get; set; }
        public Exception ErrorException { get; set; }
    }

    public class RestClient : IDisposable
    {
        static readonly string[] ContentHeaders = {
            "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
            "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
        };
        const string DefaultAccept =
            "application/json, text/json, text/x-json, text/javascript, application/xml, text/xml";

        readonly HttpClient _http;

        public RestClientOptions Options { get; }

        public RestClient(string baseUrl) : this(new RestClientOptions(baseUrl)) { }

        public RestClient(RestClientOptions options)
        {
            Options = options;
            var handler = new HttpClientHandler {
                AllowAutoRedirect = options.FollowRedirects,
                UseCookies = false,
            };
            if (options.MaxRedirects.HasValue) handler.MaxAutomaticRedirections = options.MaxRedirects.Value;
            _http = new HttpClient(handler) {
                Timeout = options.MaxTimeout > 0
                    ? TimeSpan.FromMilliseconds(options.MaxTimeout) : Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.ExpectContinue = false;
        }

        public void Dispose() { _http.Dispose(); }

        public async Task<RestResponse> ExecuteAsync(
            RestRequest request, CancellationToken cancellationToken = default(CancellationToken))
        {
            var response = new RestResponse { Request = request };
            try {
                using (var message = BuildMessage(request)) {
                    if (request.OnBeforeRequest != null) await request.OnBeforeRequest(message);
                    using (var http = await _http.SendAsync(message, cancellationToken)) {
                        response.StatusCode = http.StatusCode;
                        response.StatusDescription = http.ReasonPhrase;
                        response.IsSuccessful = http.IsSuccessStatusCode;
                        response.ResponseUri = http.RequestMessage != null ? http.RequestMessage.RequestUri : null;
                        response.RawBytes = await http.Content.ReadAsByteArrayAsync();
                        response.Content = Options.Encoding.GetString(response.RawBytes);
                        response.ContentType = http.Content.Headers.ContentType != null
                            ? http.Content.Headers.ContentType.MediaType : null;
                        response.ResponseStatus = ResponseStatus.Completed;
                    }
                }
            } catch (Exception e) {
                response.ResponseStatus = e is TaskCanceledException ? ResponseStatus.TimedOut : ResponseStatus.Error;
                response.ErrorException = e;
                response.ErrorMessage = e.Message;
                Console.Error.WriteLine("RestSharp double: request failed: " + e);
            }
            return response;
        }

        static bool IsPostLike(Method method)
        {
            return method == Method.Post || method == Method.Put || method == Method.Patch;
        }

        static string Escape(Parameter p)
        {
            var s = Convert.ToString(p.Value) ?? "";
            return p.Encode ? Uri.EscapeDataString(s) : s;
        }

        Uri BuildUri(RestRequest request)
        {
            var baseUrl = Options.BaseUrl;
            string url;
            if (string.IsNullOrEmpty(request.Resource)) {
                if (baseUrl == null) throw new ArgumentException("No base URL and no resource");
                url = baseUrl.OriginalString;
            } else if (baseUrl == null) {
                url = request.Resource;
            } else {
                url = baseUrl.OriginalString.TrimEnd('/') + "/" + request.Resource.TrimStart('/');
            }
            var query = request.Parameters
                .Where(p => p.Type == ParameterType.QueryString
                            || (p.Type == ParameterType.GetOrPost && !IsPostLike(request.Method)))
                .Select(p => Uri.EscapeDataString(p.Name ?? "") + "=" + Escape(p))
                .ToList();
            // A fragment is never sent. (.NET's HttpClient leaves it out of the request line; mono's
            // would send it, so the double drops it here.)
            int hash = url.IndexOf('#');
            if (hash >= 0) url = url.Substring(0, hash);
            if (query.Count > 0) url += (url.Contains("?") ? "&" : "?") + string.Join("&", query);
            return new Uri(url);
        }

        HttpContent BuildContent(RestRequest request, out string boundary)
        {
            boundary = null;
            var form = IsPostLike(request.Method)
                ? request.Parameters.Where(p => p.Type == ParameterType.GetOrPost).ToList()
                : new List<Parameter>();
            var body = request.Parameters.LastOrDefault(p => p.Type == ParameterType.RequestBody);

            if (request.Files.Count > 0 || (request.AlwaysMultipartFormData && (form.Count > 0 || body != null))) {
                boundary = "---------" + Guid.NewGuid().ToString().ToUpperInvariant();
                var multipart = new MultipartFormDataContent(boundary);
                bool textType = Environment.GetEnvironmentVariable("RESTSHARP_DOUBLE_TEXT_PART_TYPE") == "1";
                foreach (var file in request.Files) {       // files first, as RestSharp 107-110 does
                    var part = new ByteArrayContent(File.ReadAllBytes(file.Path));
                    part.Headers.TryAddWithoutValidation("Content-Disposition",
                        "form-data; name=\"" + file.Name + "\"; filename=\"" + file.FileName + "\"");
                    part.Headers.TryAddWithoutValidation("Content-Type", file.ContentType);
                    multipart.Add(part);
                }
                if (body != null) multipart.Add(NamedPart(BodyContent(body), body.Name));
                foreach (var p in form) {
                    var part = new ByteArrayContent(Options.Encoding.GetBytes(Convert.ToString(p.Value) ?? ""));
                    if (textType) part.Headers.TryAddWithoutValidation("Content-Type", "text/plain; charset=utf-8");
                    multipart.Add(NamedPart(part, p.Name));
                }
                return multipart;
            }
            if (body != null) {
                if (form.Count > 0) {
                    throw new NotSupportedException("RestSharp double: a body and form parameters together");
                }
                return BodyContent(body);
            }
            if (form.Count > 0) {
                return new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(
                    p.Name ?? "", Convert.ToString(p.Value) ?? "")));
            }
            return null;
        }

        static HttpContent NamedPart(HttpContent part, string name)
        {
            part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"" + name + "\"");
            return part;
        }

        HttpContent BodyContent(Parameter body)
        {
            var bytes = body.Value as byte[];
            var content = new ByteArrayContent(bytes ?? Options.Encoding.GetBytes(Convert.ToString(body.Value) ?? ""));
            content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            return content;
        }

        HttpRequestMessage BuildMessage(RestRequest request)
        {
            var method = new HttpMethod(request.Method.ToString().ToUpperInvariant());
            var message = new HttpRequestMessage(method, BuildUri(request));
            string boundary;
            message.Content = BuildContent(request, out boundary);
            var headers = request.Parameters.Where(p => p.Type == ParameterType.HttpHeader).ToList();
            foreach (var h in headers) {
                string value = Convert.ToString(h.Value) ?? "";
                if (ContentHeaders.Contains(h.Name, StringComparer.OrdinalIgnoreCase)) {
                    if (message.Content == null) continue;   // no body, no content headers
                    if (boundary != null && string.Equals(h.Name, "Content-Type", StringComparison.OrdinalIgnoreCase)) {
                        value += "; boundary=\"" + boundary + "\"";
                    }
                    message.Content.Headers.Remove(h.Name);
                    message.Content.Headers.TryAddWithoutValidation(h.Name, value);
                } else {
                    message.Headers.TryAddWithoutValidation(h.Name, value);
                }
            }
            if (Options.Authenticator != null
                && !headers.Any(h => string.Equals(h.Name, "Authorization", StringComparison.OrdinalIgnoreCase))) {
                message.Headers.TryAddWithoutValidation("Authorization", Options.Authenticator.HeaderValue());
            }
            if (!headers.Any(h => string.Equals(h.Name, "Accept", StringComparison.OrdinalIgnoreCase))) {
                message.Headers.TryAddWithoutValidation("Accept", DefaultAccept);
            }
            if (!headers.Any(h => string.Equals(h.Name, "User-Agent", StringComparison.OrdinalIgnoreCase))) {
                message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
            }
            return message;
        }
    }
}

namespace RestSharp.Authenticators
{
    // The double's authenticators give the Authorization header value they send.
    public interface IAuthenticator
    {
        string HeaderValue();
    }

    public class HttpBasicAuthenticator : IAuthenticator
    {
        readonly string _username;
        readonly string _password;
        readonly System.Text.Encoding _encoding;

        public HttpBasicAuthenticator(string username, string password)
            : this(username, password, System.Text.Encoding.UTF8) { }

        public HttpBasicAuthenticator(string username, string password, System.Text.Encoding encoding)
        {
            _username = username;
            _password = password;
            _encoding = encoding;
        }

        public string HeaderValue()
        {
            return "Basic " + System.Convert.ToBase64String(_encoding.GetBytes(_username + ":" + _password));
        }
    }
}
