//! The eleven sample targets: their stable ids, and the defaults a site config can override.

use serde::Serialize;

/// A language and client library a sample is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Target {
    /// Stable lowercase id, used on the command line, in file and template names and in the config.
    pub id: &'static str,
    /// What the sample uses, for `samplegen targets`.
    pub client: &'static str,
    /// The tab label on the page, by default.
    pub label: &'static str,
    /// The page's code fence info string, by default.
    pub fence: &'static str,
    /// The sample file's extension below `output/`.
    pub extension: &'static str,
}

/// Every target, in the house style's tab order.
pub const TARGETS: [Target; 11] = [
    Target {
        id: "curl",
        client: "cURL (POSIX shell)",
        label: "cURL",
        fence: "shell",
        extension: "sh",
    },
    Target {
        id: "csharp",
        client: "C# with RestSharp",
        label: "C#",
        fence: "csharp",
        extension: "cs",
    },
    Target {
        id: "go",
        client: "Go with net/http",
        label: "Go",
        fence: "golang",
        extension: "go",
    },
    Target {
        id: "http",
        client: "raw HTTP/1.1 message",
        label: "HTTP",
        fence: "http",
        extension: "http",
    },
    Target {
        id: "java",
        client: "Java with OkHttp",
        label: "Java",
        fence: "java",
        extension: "java",
    },
    Target {
        id: "jquery",
        client: "JavaScript with jQuery $.ajax",
        label: "jQuery",
        fence: "javascript",
        extension: "js",
    },
    Target {
        id: "nodejs",
        client: "NodeJS with request",
        label: "NodeJS",
        fence: "javascript",
        extension: "js",
    },
    Target {
        id: "python",
        client: "Python with requests",
        label: "Python",
        fence: "python",
        extension: "py",
    },
    Target {
        id: "php",
        client: "PHP with HTTP_Request2",
        label: "PHP",
        fence: "php",
        extension: "php",
    },
    Target {
        id: "ruby",
        client: "Ruby with Net::HTTP",
        label: "Ruby",
        fence: "ruby",
        extension: "rb",
    },
    Target {
        id: "swift",
        client: "Swift with URLSession",
        label: "Swift",
        fence: "swift",
        extension: "swift",
    },
];

/// The target with this id.
pub fn find(id: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|target| target.id == id)
}

/// The known id closest to a mistyped one, for "did you mean" hints.
pub fn closest_id(id: &str) -> Option<&'static str> {
    crate::suggest::closest(id, TARGETS.iter().map(|t| t.id))
}

impl Target {
    /// The template that shapes this target's sample.
    pub fn template_name(&self) -> String {
        format!("{}.tera", self.id)
    }
}
