<?php
/**
 * TEST DOUBLE of PEAR's HTTP_Request2 -- NOT the real library.
 *
 * It implements only the subset of HTTP_Request2's documented public API that samplegen's PHP
 * samples (templates/php.tera) use, written from the package's public documentation (the PEAR
 * manual and the API reference generated from its doc comments), over PHP's curl extension.
 * Run a sample with:  php -d include_path=/work/main/tests/support/php sample.php
 *
 * What goes on the wire follows what the documentation says the real library sends with its
 * default adapter (HTTP_Request2_Adapter_Socket):
 *   - the request line is the method and the URL's path and query as written, except that
 *     control characters, space, '"', '<', '>' and bytes 0x7F-0xFF are percent-encoded, as
 *     current Net_URL2 releases do with characters "that might have been forgotten to encode"
 *     (PEAR bug #20425); other characters RFC 3986 forbids, such as '{', '}', '\' or '|', are
 *     sent raw. The URL is split as RFC 3986 appendix B does; the fragment is not sent; userinfo
 *     becomes Basic auth; an empty path becomes "/";
 *   - header names are case-insensitive (stored lower-cased) and sent capitalised per word
 *     ("x-api-key" is sent as "X-Api-Key"); values are trimmed; a User-Agent is set by the
 *     constructor and an explicit one replaces it; the library adds Host and, per body,
 *     Content-Type / Content-Length: a non-empty body without a Content-Type gets
 *     "application/x-www-form-urlencoded"; an empty body sends "Content-Length: 0" for POST
 *     and PUT only, and for other methods drops the Content-Type header; TRACE never has a body;
 *   - post parameters and uploads are the body only for POST, urlencoded (http_build_query, "~"
 *     kept) unless there are uploads, then multipart/form-data: text parameters first, then the
 *     uploads, each part with only Content-Disposition (and Content-Type for uploads);
 *   - redirects are followed only with 'follow_redirects' (at most 'max_redirects', default 5);
 *     303, and 301/302 unless 'strict_redirects', are repeated as GET without a body.
 * Differences from the real library that do not change what the samples send: no
 * Accept-Encoding header and no response decoding, no cookie jar, no observers, no digest auth,
 * no proxies, no keep-alive. curl's own "Accept: *\/*" and "Expect: 100-continue" are suppressed,
 * as the real library sends neither.
 */

/** Base class of the exceptions; samples catch this one. */
class HTTP_Request2_Exception extends Exception
{
}

/** Bad arguments: invalid method or header name, unknown config option, unreadable file. */
class HTTP_Request2_LogicException extends HTTP_Request2_Exception
{
}

/** Transport failures (connection refused, timeout...). */
class HTTP_Request2_ConnectionException extends HTTP_Request2_Exception
{
}

/** Bad responses, e.g. too many redirects. */
class HTTP_Request2_MessageException extends HTTP_Request2_Exception
{
}

/** The response: getStatus(), getReasonPhrase(), getBody(), getHeader() as documented. */
class HTTP_Request2_Response
{
    private $status;
    private $reason;
    private $headers;
    private $body;

    public function __construct($status, $reason, array $headers, $body)
    {
        $this->status  = $status;
        $this->reason  = $reason;
        $this->headers = $headers;
        $this->body    = $body;
    }

    public function getStatus()
    {
        return $this->status;
    }

    public function getReasonPhrase()
    {
        return $this->reason;
    }

    public function getBody()
    {
        return $this->body;
    }

    /** One header's value (name case-insensitive), or all headers with lower-cased names. */
    public function getHeader($name = null)
    {
        if (null === $name) {
            return $this->headers;
        }
        $name = strtolower($name);
        return isset($this->headers[$name]) ? $this->headers[$name] : null;
    }
}

class HTTP_Request2
{
    const METHOD_OPTIONS = 'OPTIONS';
    const METHOD_GET     = 'GET';
    const METHOD_HEAD    = 'HEAD';
    const METHOD_POST    = 'POST';
    const METHOD_PUT     = 'PUT';
    const METHOD_DELETE  = 'DELETE';
    const METHOD_TRACE   = 'TRACE';
    const METHOD_CONNECT = 'CONNECT';

    const AUTH_BASIC = 'basic';

    /** An RFC 7230 token (method and header names). */
    const TOKEN = '/^[!#$%&\'*+.^_`|~0-9A-Za-z-]+$/';

    /** @var array|null parsed URL: scheme, user, pass, host, port, path, query (false if none) */
    private $url;
    private $method = self::METHOD_GET;
    /** @var array lower-cased name => value, in the order first set */
    private $headers = [];
    private $auth;
    /** @var string raw body (a file given to setBody() is read when it is given) */
    private $body = '';
    private $postParams = [];
    /** @var array field name => [filename, data, content type]; one upload per field name */
    private $uploads = [];
    /** The documented options; setConfig() refuses names that are not here. */
    private $config = [
        'adapter' => 'HTTP_Request2_Adapter_Socket', 'connect_timeout' => 10, 'timeout' => 0,
        'use_brackets' => true, 'protocol_version' => '1.1', 'buffer_size' => 16384,
        'store_body' => true, 'local_ip' => null, 'proxy_host' => '', 'proxy_port' => '',
        'proxy_user' => '', 'proxy_password' => '', 'proxy_auth_scheme' => self::AUTH_BASIC,
        'proxy_type' => 'http', 'ssl_verify_peer' => true, 'ssl_verify_host' => true,
        'ssl_cafile' => null, 'ssl_capath' => null, 'ssl_local_cert' => null,
        'ssl_passphrase' => null, 'digest_compat_ie' => false, 'follow_redirects' => false,
        'max_redirects' => 5, 'strict_redirects' => false,
    ];

    /** new HTTP_Request2([$url[, $method[, $config]]]); also sets a default User-Agent. */
    public function __construct($url = null, $method = self::METHOD_GET, array $config = [])
    {
        $this->setConfig($config);
        if (!empty($url)) {
            $this->setUrl($url);
        }
        if (!empty($method)) {
            $this->setMethod($method);
        }
        $this->setHeader('user-agent', 'HTTP_Request2/2.x (test double) PHP/' . phpversion());
    }

    /**
     * setUrl($url): the request URL. Userinfo is removed and becomes Basic auth credentials;
     * an empty path becomes "/". Nothing is encoded or normalised.
     */
    public function setUrl($url)
    {
        $u = self::parseUrl((string)$url);
        if (null !== $u['user']) {
            $this->setAuth(rawurldecode($u['user']), null === $u['pass'] ? '' : rawurldecode($u['pass']));
            $u['user'] = $u['pass'] = null;
        }
        if ('' === $u['path']) {
            $u['path'] = '/';
        }
        $this->url = $u;
        return $this;
    }

    /** setMethod($method): any RFC 7230 token, sent as given. */
    public function setMethod($method)
    {
        if (!preg_match(self::TOKEN, $method)) {
            throw new HTTP_Request2_LogicException("Invalid request method '{$method}'");
        }
        $this->method = $method;
        return $this;
    }

    public function getMethod()
    {
        return $this->method;
    }

    /** setConfig($name, $value) or setConfig(array(name => value)); unknown names throw. */
    public function setConfig($nameOrConfig, $value = null)
    {
        if (is_array($nameOrConfig)) {
            foreach ($nameOrConfig as $name => $v) {
                $this->setConfig($name, $v);
            }
        } elseif (!array_key_exists($nameOrConfig, $this->config)) {
            throw new HTTP_Request2_LogicException("Unknown configuration parameter '{$nameOrConfig}'");
        } else {
            $this->config[$nameOrConfig] = $value;
        }
        return $this;
    }

    public function getConfig($name)
    {
        return $this->config[$name];
    }

    /** setAuth($user, $password): Basic credentials, sent as an Authorization header. */
    public function setAuth($user, $password = '', $scheme = self::AUTH_BASIC)
    {
        $this->auth = empty($user) ? null : [(string)$user, (string)$password];
        return $this;
    }

    /**
     * setHeader(array('Name' => 'value', ...)), setHeader('Name', 'value'), setHeader('Name: value');
     * a null value removes the header. Names are case-insensitive: setting a name again replaces
     * its value (appends ", value" with $replace = false). Values are trimmed.
     */
    public function setHeader($name, $value = null, $replace = true)
    {
        if (is_array($name)) {
            foreach ($name as $k => $v) {
                if (is_string($k)) {
                    $this->setHeader($k, $v, $replace);
                } else {
                    $this->setHeader($v, null, $replace);
                }
            }
            return $this;
        }
        if (null === $value && strpos($name, ':')) {
            list($name, $value) = array_map('trim', explode(':', $name, 2));
        }
        if (!preg_match(self::TOKEN, $name)) {
            throw new HTTP_Request2_LogicException("Invalid header name '{$name}'");
        }
        $name = strtolower($name);
        if (null === $value) {
            unset($this->headers[$name]);
        } else {
            $value = is_array($value) ? implode(', ', array_map('trim', $value)) : trim((string)$value);
            if (!isset($this->headers[$name]) || $replace) {
                $this->headers[$name] = $value;
            } else {
                $this->headers[$name] .= ', ' . $value;
            }
        }
        return $this;
    }

    public function getHeaders()
    {
        return $this->headers;
    }

    /**
     * setBody($body, $isFilename = false): the raw request body; with $isFilename the contents of
     * that file are the body and, when no Content-Type was set, the file's detected MIME type
     * becomes the Content-Type. Discards post parameters and uploads added before.
     */
    public function setBody($body, $isFilename = false)
    {
        if ($isFilename) {
            $this->body = self::readFile($body);
            if (empty($this->headers['content-type'])) {
                $this->setHeader('content-type', self::detectMimeType($body));
            }
        } else {
            $this->body = (string)$body;
        }
        $this->postParams = $this->uploads = [];
        return $this;
    }

    /**
     * addUpload($fieldName, $filename, $sendFilename = null, $contentType = null): a form file
     * upload, read from $filename; sent as basename($filename) unless $sendFilename is given, with
     * $contentType or else the detected MIME type. Sets Content-Type to multipart/form-data (when
     * there is none yet, or it is application/x-www-form-urlencoded). One upload per field name.
     */
    public function addUpload($fieldName, $filename, $sendFilename = null, $contentType = null)
    {
        $this->uploads[$fieldName] = [
            !empty($sendFilename) ? $sendFilename : basename($filename),
            self::readFile($filename),
            empty($contentType) ? self::detectMimeType($filename) : $contentType,
        ];
        if (empty($this->headers['content-type'])
            || 'application/x-www-form-urlencoded' == $this->headers['content-type']
        ) {
            $this->setHeader('content-type', 'multipart/form-data');
        }
        return $this;
    }

    /**
     * addPostParameter($name, $value) or addPostParameter(array(name => value)): form fields, sent
     * only with POST; sets Content-Type to application/x-www-form-urlencoded when there is none.
     */
    public function addPostParameter($name, $value = null)
    {
        if (is_array($name)) {
            foreach ($name as $k => $v) {
                $this->postParams[$k] = $v;
            }
        } else {
            $this->postParams[$name] = $value;
        }
        if (empty($this->headers['content-type'])) {
            $this->setHeader('content-type', 'application/x-www-form-urlencoded');
        }
        return $this;
    }

    /** send(): performs the request (following redirects if configured); returns the response. */
    public function send()
    {
        if (null === $this->url || null === $this->url['host']
            || !in_array(strtolower((string)$this->url['scheme']), ['http', 'https'])
        ) {
            throw new HTTP_Request2_LogicException('HTTP_Request2 needs an absolute HTTP(S) request URL');
        }
        $request = $this;
        for ($redirects = 0; ; $redirects++) {
            $response = $request->sendOnce();
            $status   = $response->getStatus();
            if (!$this->config['follow_redirects'] || !in_array($status, [300, 301, 302, 303, 307, 308])
                || null === $response->getHeader('location')
            ) {
                return $response;
            }
            if ($redirects >= $this->config['max_redirects']) {
                throw new HTTP_Request2_MessageException(
                    'Maximum (' . $this->config['max_redirects'] . ') redirects followed'
                );
            }
            $request = clone $request;
            $request->setUrl($request->resolve($response->getHeader('location')));
            if (303 == $status || (!$this->config['strict_redirects'] && in_array($status, [301, 302]))) {
                $request->setMethod(self::METHOD_GET);
                $request->setBody('');
            }
        }
    }

    /** The body as it will be sent, and the Content-Type it needs (null: keep the header's). */
    private function buildBody()
    {
        $type = isset($this->headers['content-type']) ? $this->headers['content-type'] : '';
        if (self::METHOD_POST != $this->method || (empty($this->postParams) && empty($this->uploads))) {
            return [$this->body, null];
        }
        if (0 === strpos($type, 'application/x-www-form-urlencoded')) {
            return [str_replace('%7E', '~', http_build_query($this->postParams, '', '&')), null];
        }
        if (0 === strpos($type, 'multipart/form-data')) {
            $boundary = '--' . md5(uniqid('samplegen-double-', true));
            $body = '';
            foreach ($this->postParams as $name => $value) {
                $body .= "--{$boundary}\r\nContent-Disposition: form-data; name=\"{$name}\"\r\n\r\n{$value}\r\n";
            }
            foreach ($this->uploads as $name => list($filename, $data, $ctype)) {
                $body .= "--{$boundary}\r\nContent-Disposition: form-data; name=\"{$name}\"; "
                       . "filename=\"{$filename}\"\r\nContent-Type: {$ctype}\r\n\r\n{$data}\r\n";
            }
            return [$body . "--{$boundary}--\r\n", 'multipart/form-data; boundary=' . $boundary];
        }
        return [$this->body, null];
    }

    /** One request/response exchange over curl, with the request line and headers described above. */
    private function sendOnce()
    {
        $u       = $this->url;
        $headers = $this->headers;
        $https   = 0 == strcasecmp($u['scheme'], 'https');
        $host    = $u['host'];
        if (null !== $u['port'] && '' !== $u['port'] && $u['port'] != ($https ? 443 : 80)) {
            $host .= ':' . $u['port'];
        }
        if (!isset($headers['host'])) {
            $headers['host'] = $host;
        }
        $target = $u['path'] . (empty($u['query']) ? '' : '?' . $u['query']);
        if ($this->auth) {
            $headers['authorization'] = 'Basic ' . base64_encode($this->auth[0] . ':' . $this->auth[1]);
        }

        list($body, $type) = $this->buildBody();
        if (null !== $type) {
            $headers['content-type'] = $type;
        }
        $sendBody = self::METHOD_TRACE != $this->method && '' !== $body;
        if (!$sendBody) {
            $body = '';
            if (!in_array($this->method, [self::METHOD_POST, self::METHOD_PUT])) {
                unset($headers['content-type']);
            }
        } elseif (empty($headers['content-type'])) {
            $headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        unset($headers['content-length']); // curl writes it from the body

        // curl header lines: "Name;" sends an empty value; "Name:" removes curl's own header.
        $lines = [];
        foreach ($headers as $name => $value) {
            $name    = implode('-', array_map('ucfirst', explode('-', $name)));
            $lines[] = '' === (string)$value ? $name . ';' : $name . ': ' . $value;
        }
        foreach (['accept', 'expect', 'content-type'] as $curlDefault) {
            if (!isset($headers[$curlDefault])) {
                $lines[] = ucfirst($curlDefault) . ':';
            }
        }

        $ch = curl_init();
        $responseHeaders = [];
        $statusLine      = '';
        // curl connects to the origin; the request target is given to it separately, verbatim.
        $origin = ($https ? 'https' : 'http') . '://' . $u['host']
                . (null !== $u['port'] && '' !== $u['port'] ? ':' . $u['port'] : '') . '/';
        curl_setopt_array($ch, [
            CURLOPT_URL            => $origin,
            CURLOPT_REQUEST_TARGET => $target,
            CURLOPT_CUSTOMREQUEST  => $this->method,
            CURLOPT_HTTPHEADER     => $lines,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_HTTP_VERSION   => '1.0' == $this->config['protocol_version']
                                      ? CURL_HTTP_VERSION_1_0 : CURL_HTTP_VERSION_1_1,
            CURLOPT_CONNECTTIMEOUT => $this->config['connect_timeout'],
            CURLOPT_TIMEOUT        => $this->config['timeout'],
            CURLOPT_SSL_VERIFYPEER => $this->config['ssl_verify_peer'],
            CURLOPT_SSL_VERIFYHOST => $this->config['ssl_verify_host'] ? 2 : 0,
            CURLOPT_HEADERFUNCTION => function ($ch, $line) use (&$responseHeaders, &$statusLine) {
                $trimmed = rtrim($line, "\r\n");
                if (0 === strpos($trimmed, 'HTTP/')) {   // a new response (e.g. after 100 Continue)
                    $statusLine      = $trimmed;
                    $responseHeaders = [];
                } elseif (false !== strpos($trimmed, ':')) {
                    list($k, $v) = explode(':', $trimmed, 2);
                    $k = strtolower(trim($k));
                    $v = trim($v);
                    $responseHeaders[$k] = isset($responseHeaders[$k]) ? $responseHeaders[$k] . ', ' . $v : $v;
                }
                return strlen($line);
            },
        ]);
        if (self::METHOD_HEAD == $this->method) {
            curl_setopt($ch, CURLOPT_NOBODY, true);
        } elseif ($sendBody || in_array($this->method, [self::METHOD_POST, self::METHOD_PUT])) {
            curl_setopt($ch, CURLOPT_POSTFIELDS, $body); // '' sends "Content-Length: 0"
        }
        $responseBody = curl_exec($ch);
        if (false === $responseBody) {
            $error = curl_error($ch);
            curl_close($ch);
            throw new HTTP_Request2_ConnectionException($error);
        }
        curl_close($ch);
        $parts = explode(' ', $statusLine, 3);
        return new HTTP_Request2_Response(
            (int)(isset($parts[1]) ? $parts[1] : 0), isset($parts[2]) ? $parts[2] : '',
            $responseHeaders, $responseBody
        );
    }

    /** A redirect's Location, resolved against this request's URL (RFC 3986 section 5.2, simply). */
    private function resolve($location)
    {
        $u = $this->url;
        if (preg_match('!^[A-Za-z][A-Za-z0-9+.-]*:!', $location)) {
            return $location;
        }
        $origin = $u['scheme'] . ':';
        if (0 === strpos($location, '//')) {
            return $origin . $location;
        }
        $origin .= '//' . $u['host'] . (null !== $u['port'] && '' !== $u['port'] ? ':' . $u['port'] : '');
        if ('' !== $location && '/' == $location[0]) {
            return $origin . $location;
        }
        if ('' === $location || '?' == $location[0]) {
            return $origin . $u['path'] . ('' === $location ? (false === $u['query'] ? '' : '?' . $u['query']) : $location);
        }
        return $origin . substr($u['path'], 0, strrpos($u['path'], '/') + 1) . $location;
    }

    /**
     * Splits a URL with RFC 3986 appendix B's expression, as Net_URL2 does, and percent-encodes
     * in userinfo, path and query what Net_URL2 encodes as "forgotten": control characters,
     * space, '"', '<', '>' and bytes 0x7F-0xFF. Nothing is decoded.
     */
    private static function parseUrl($url)
    {
        preg_match('!^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?!', $url, $m);
        $encode = function ($s) {
            return preg_replace_callback('/[\x00-\x20"<>\x7F-\xFF]+/', function ($c) {
                return rawurlencode($c[0]);
            }, $s);
        };
        $u = ['scheme' => isset($m[1]) && '' !== $m[1] ? $m[1] : null, 'user' => null, 'pass' => null,
              'host' => null, 'port' => null, 'path' => $encode(isset($m[3]) ? $m[3] : ''),
              'query' => isset($m[4]) && '' !== $m[4] ? $encode($m[4]) : (false !== strpos($url, '?') ? '' : false)];
        if (isset($m[2]) && '' !== $m[2]) {
            $authority = $m[2];
            if (false !== ($at = strrpos($authority, '@'))) {
                $userinfo  = substr($authority, 0, $at);
                $authority = substr($authority, $at + 1);
                $userinfo  = $encode($userinfo);
                $colon     = strpos($userinfo, ':');
                $u['user'] = false === $colon ? $userinfo : substr($userinfo, 0, $colon);
                $u['pass'] = false === $colon ? null : substr($userinfo, $colon + 1);
            }
            if (preg_match('!^(\[[^\]]*\]|[^:]*)(?::(\d*))?$!', $authority, $hp)) {
                $u['host'] = $hp[1];
                $u['port'] = isset($hp[2]) && '' !== $hp[2] ? $hp[2] : null;
            }
        }
        return $u;
    }

    private static function readFile($filename)
    {
        $data = is_string($filename) && is_file($filename) ? @file_get_contents($filename) : false;
        if (false === $data) {
            throw new HTTP_Request2_LogicException("Cannot read file '{$filename}'");
        }
        return $data;
    }

    /** The documented detection: fileinfo, else mime_content_type(), else application/octet-stream. */
    private static function detectMimeType($filename)
    {
        $info = null;
        if (function_exists('finfo_open') && ($fi = @finfo_open(FILEINFO_MIME))) {
            $info = finfo_file($fi, $filename);
        }
        if (empty($info) && function_exists('mime_content_type')) {
            $info = mime_content_type($filename);
        }
        return empty($info) ? 'application/octet-stream' : $info;
    }
}
