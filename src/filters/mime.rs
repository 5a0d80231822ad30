//! Media types guessed from file names, for the samples that name one for an uploaded file.

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
