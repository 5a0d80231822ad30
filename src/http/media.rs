//! Media types: the media type of a `Content-Type` value, which ones are JSON or XML, the code
//! fence a body of that type gets, and the type conventionally used for a file's extension.

/// The media type of a `Content-Type` value: lower case, parameters dropped.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type (see [`media_type`]) is JSON: `application/json` or a `+json` suffix.
pub fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

/// Whether a media type is XML: `…/xml` or a `+xml` suffix.
pub fn is_xml(media_type: &str) -> bool {
    media_type.ends_with("/xml") || media_type.ends_with("+xml")
}

/// The info string an example response body's fence gets for its media type; `None` for JSON,
/// the page's default.
pub fn response_fence(media_type: &str) -> Option<&'static str> {
    if is_json(media_type) {
        None
    } else if is_xml(media_type) {
        Some("xml")
    } else if media_type == "text/html" {
        Some("html")
    } else if media_type.ends_with("yaml") {
        Some("yaml")
    } else if media_type == "text/csv" {
        Some("csv")
    } else {
        Some("text")
    }
}

/// Whether the house style writes a body of this `Content-Type` as code rather than as a string:
/// its tools test the header value as written, so `application/json; charset=utf-8` or
/// `Application/JSON` do not count.
pub fn is_json_as_written(content_type: &str) -> bool {
    content_type == "application/json" || content_type.ends_with("+json")
}

/// The info string a body's code fence gets for its media type.
pub fn fence_for_media_type(media_type: &str) -> &'static str {
    if is_json(media_type) {
        "json"
    } else if is_xml(media_type) {
        "xml"
    } else if media_type == "text/html" {
        "html"
    } else if media_type.ends_with("/javascript") {
        "javascript"
    } else {
        "none"
    }
}

/// The media type conventionally used for a file with this name's extension, or
/// `application/octet-stream`.
pub fn media_type_for_file(file_name: &str) -> String {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "txt" | "text" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "md" => "text/markdown",
        "xml" => "application/xml",
        "json" => "application/json",
        "js" => "application/javascript",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "pem" | "crt" | "cer" => "application/x-x509-ca-cert",
        _ => "application/octet-stream",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_drop_parameters_and_case() {
        assert_eq!(
            media_type("Application/JSON; charset=utf-8"),
            "application/json"
        );
        assert_eq!(media_type(" text/plain "), "text/plain");
        assert_eq!(media_type(""), "");
    }

    #[test]
    fn json_and_xml_families() {
        assert!(is_json("application/json"));
        assert!(is_json("application/vnd.api+json"));
        assert!(!is_json("application/jsonp"));
        assert!(!is_json("text/plain"));
        assert!(is_xml("text/xml") && is_xml("application/xml") && is_xml("image/svg+xml"));
        assert!(is_json_as_written("application/problem+json"));
        assert!(!is_json_as_written("application/json; charset=utf-8"));
    }

    #[test]
    fn fences_follow_the_media_type() {
        assert_eq!(fence_for_media_type("application/ld+json"), "json");
        assert_eq!(fence_for_media_type("application/xml"), "xml");
        assert_eq!(fence_for_media_type("text/html"), "html");
        assert_eq!(fence_for_media_type("application/javascript"), "javascript");
        assert_eq!(fence_for_media_type("text/plain"), "none");
    }

    #[test]
    fn response_fences() {
        assert_eq!(response_fence("application/problem+json"), None);
        assert_eq!(response_fence("application/xml"), Some("xml"));
        assert_eq!(response_fence("application/x-yaml"), Some("yaml"));
        assert_eq!(response_fence("text/csv"), Some("csv"));
        assert_eq!(response_fence("application/octet-stream"), Some("text"));
    }

    #[test]
    fn guesses_by_extension() {
        assert_eq!(media_type_for_file("report.PDF"), "application/pdf");
        assert_eq!(media_type_for_file("b.txt"), "text/plain");
        assert_eq!(
            media_type_for_file("dummyBinaryFile"),
            "application/octet-stream"
        );
        assert_eq!(media_type_for_file("archive.tar.gz"), "application/gzip");
    }
}
