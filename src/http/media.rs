//! Media types: the media type of a `Content-Type` value, which ones are JSON, XML or YAML, the code
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

/// Whether a media type is YAML: `…/yaml`, `…/x-yaml` or a `+yaml` suffix.
pub fn is_yaml(media_type: &str) -> bool {
    ["/yaml", "/x-yaml", "+yaml"]
        .iter()
        .any(|end| media_type.ends_with(end))
}

/// Whether a media type is JSON Lines: one JSON value per line (`application/x-ndjson`, as
/// Elasticsearch's `_bulk` takes it, `application/jsonl` and their other names).
pub fn is_json_lines(media_type: &str) -> bool {
    matches!(
        media_type,
        "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonl"
            | "application/jsonlines"
            | "application/x-jsonlines"
    )
}

/// Whether a media type is bytes that no text stands for: images, audio, video, fonts,
/// `application/octet-stream`, archives and compressed files, PDF, and binary encodings of data
/// (CBOR, MessagePack, Protocol Buffers, Avro, BSON, WebAssembly), `+cbor` and the like too.
/// An example written as text for such a body (CBOR's hex digits) is no body to send.
pub fn is_bytes(media_type: &str) -> bool {
    let Some((kind, subtype)) = media_type.split_once('/') else {
        return false;
    };
    if matches!(kind, "image" | "audio" | "video" | "font") {
        // SVG is XML, text
        return !subtype.ends_with("+xml");
    }
    kind == "application"
        && (matches!(
            subtype.strip_prefix("x-").unwrap_or(subtype),
            "octet-stream"
                | "cbor"
                | "msgpack"
                | "messagepack"
                | "protobuf"
                | "vnd.google.protobuf"
                | "avro"
                | "vnd.apache.avro+binary"
                | "bson"
                | "wasm"
                | "pdf"
                | "zip"
                | "gzip"
                | "tar"
                | "bzip2"
                | "7z-compressed"
                | "xz"
                | "zstd"
                | "java-archive"
                | "vnd.apache.parquet"
                | "parquet"
        ) || [
            "+cbor",
            "+zip",
            "+gzip",
            "+tar",
            "+msgpack",
            "+protobuf",
            "+bson",
        ]
        .iter()
        .any(|suffix| subtype.ends_with(suffix)))
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
    } else if is_yaml(media_type) {
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

/// The media types the Postman code generators give a file part by its extension (the Python
/// requests and HTTP generators share this table), looked up as written: `PNG` is not `png`.
const POSTMAN_FILE_TYPES: &[(&str, &str)] = &[
    ("aac", "audio/aac"),
    ("abw", "application/x-abiword"),
    ("arc", "application/x-freearc"),
    ("avi", "video/x-msvideo"),
    ("azw", "application/vnd.amazon.ebook"),
    ("bin", "application/octet-stream"),
    ("bmp", "image/bmp"),
    ("bz", "application/x-bzip"),
    ("bz2", "application/x-bzip2"),
    ("csh", "application/x-csh"),
    ("css", "text/css"),
    ("csv", "text/csv"),
    ("doc", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("eot", "application/vnd.ms-fontobject"),
    ("epub", "application/epub+zip"),
    ("gif", "image/gif"),
    ("htm", "text/html"),
    ("html", "text/html"),
    ("ico", "image/vnd.microsoft.icon"),
    ("ics", "text/calendar"),
    ("jar", "application/java-archive"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("jsonld", "application/ld+json"),
    ("mid", "audio/midi"),
    ("midi", "audio/midi"),
    ("mjs", "text/javascript"),
    ("mp3", "audio/mpeg"),
    ("mpeg", "video/mpeg"),
    ("mpkg", "application/vnd.apple.installer+xml"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("oga", "audio/ogg"),
    ("ogv", "video/ogg"),
    ("ogx", "application/ogg"),
    ("otf", "font/otf"),
    ("png", "image/png"),
    ("pdf", "application/pdf"),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("rar", "application/x-rar-compressed"),
    ("rtf", "application/rtf"),
    ("sh", "application/x-sh"),
    ("svg", "image/svg+xml"),
    ("swf", "application/x-shockwave-flash"),
    ("tar", "application/x-tar"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("ts", "video/mp2t"),
    ("ttf", "font/ttf"),
    ("txt", "text/plain"),
    ("vsd", "application/vnd.visio"),
    ("wav", "audio/wav"),
    ("weba", "audio/webm"),
    ("webm", "video/webm"),
    ("webp", "image/webp"),
    ("woff", "font/woff"),
    ("woff2", "font/woff2"),
    ("xhtml", "application/xhtml+xml"),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("xml", "text/xml"),
    ("xul", "application/vnd.mozilla.xul+xml"),
    ("zip", "application/zip"),
    ("3gp", "video/3gpp"),
    ("7z", "application/x-7z-compressed"),
    ("7-zip", "application/x-7z-compressed"),
];

/// The media type the Postman code generators give a file part, if their table knows its
/// extension as they read it: Python's requests generator takes what follows the last `.` of the
/// file's path (the whole path when it has none); with `second`, the HTTP generator takes what
/// follows the first `.` of the file's name, up to the next (`archive.tar.gz` is `tar`).
pub fn postman_file_type(path_or_name: &str, second: bool) -> Option<&'static str> {
    let mut components = path_or_name.split('.');
    let extension = if second {
        components.nth(1)?
    } else {
        components.next_back()?
    };
    POSTMAN_FILE_TYPES
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, media_type)| *media_type)
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
    fn bytes_are_the_media_types_no_text_stands_for() {
        for bytes in [
            "image/png",
            "audio/mpeg",
            "application/octet-stream",
            "application/cbor",
            "application/x-protobuf",
            "application/vnd.example+cbor",
            "application/x-tar",
            "application/pdf",
        ] {
            assert!(is_bytes(bytes), "{bytes}");
        }
        for text in [
            "image/svg+xml",
            "application/json",
            "application/graphql",
            "application/jwt",
            "application/x-ndjson",
            "text/plain",
            "application",
        ] {
            assert!(!is_bytes(text), "{text}");
        }
    }

    #[test]
    fn postman_reads_a_file_type_by_its_own_rule() {
        // the requests generator: the path's last extension, as written
        assert_eq!(
            postman_file_type("/path/to/photo.png", false),
            Some("image/png")
        );
        assert_eq!(postman_file_type("a/archive.tar.gz", false), None);
        assert_eq!(postman_file_type("/certs/server.crt", false), None);
        assert_eq!(postman_file_type("/p/PHOTO.PNG", false), None);
        assert_eq!(postman_file_type("/path/to/png", false), None);
        assert_eq!(postman_file_type("png", false), Some("image/png"));
        // the HTTP generator: the name's second component
        assert_eq!(
            postman_file_type("archive.tar.gz", true),
            Some("application/x-tar")
        );
        assert_eq!(
            postman_file_type("report.pdf", true),
            Some("application/pdf")
        );
        assert_eq!(postman_file_type("photo", true), None);
        assert_eq!(postman_file_type(".bashrc", true), None);
    }

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
    fn json_xml_and_yaml_families() {
        assert!(is_json("application/json"));
        assert!(is_json("application/vnd.api+json"));
        assert!(!is_json("application/jsonp"));
        assert!(!is_json("text/plain"));
        assert!(is_xml("text/xml") && is_xml("application/xml") && is_xml("image/svg+xml"));
        assert!(is_yaml("application/yaml") && is_yaml("application/x-yaml"));
        assert!(is_yaml("text/yaml") && is_yaml("application/openapi+yaml"));
        assert!(!is_yaml("application/json") && !is_yaml("application/notyaml"));
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
