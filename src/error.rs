//! Everything that can stop a command, and the exit code each maps to: 1 for problems found in
//! the project or its inputs, 2 only for a command line that asks for something impossible.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostic::Diagnostic;
use crate::render::RenderError;

#[derive(Debug)]
pub enum Error {
    /// Problems in specs or the config, all of them.
    Diagnostics(Vec<Diagnostic>),
    /// A template that does not compile or render.
    Render(RenderError),
    /// A file that cannot be read or written.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// An input that is not what its format says (a malformed collection or document).
    Input { path: PathBuf, message: String },
    /// The file watcher failed.
    Watch(String),
    /// A command line that asks for something impossible (an unknown target, a missing project).
    Usage(String),
}

impl Error {
    /// The process exit code: 2 for bad usage, 1 for everything else.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage(_) => ExitCode::from(2),
            Error::Diagnostics(_)
            | Error::Render(_)
            | Error::Io { .. }
            | Error::Input { .. }
            | Error::Watch(_) => ExitCode::FAILURE,
        }
    }

    /// A failure to write to standard output.
    pub fn stdout(error: std::io::Error) -> Error {
        Error::Io {
            path: "stdout".into(),
            error,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Diagnostics(diagnostics) => {
                for (index, diagnostic) in diagnostics.iter().enumerate() {
                    if index > 0 {
                        writeln!(f, "\n")?;
                    }
                    write!(f, "{diagnostic}")?;
                }
                Ok(())
            }
            Error::Render(error) => write!(f, "{error}"),
            Error::Io { path, error } => write!(f, "error: {}: {error}", path.display()),
            Error::Input { path, message } => write!(f, "error: {}: {message}", path.display()),
            Error::Watch(message) => write!(f, "error: {message}"),
            Error::Usage(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<RenderError> for Error {
    fn from(error: RenderError) -> Self {
        Error::Render(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bad_usage_exits_with_2() {
        assert_eq!(Error::Usage("x".into()).exit_code(), ExitCode::from(2));
        for error in [
            Error::Watch("the file watcher stopped".into()),
            Error::Input {
                path: "c.json".into(),
                message: "not JSON".into(),
            },
            Error::Diagnostics(Vec::new()),
        ] {
            assert_eq!(error.exit_code(), ExitCode::FAILURE, "{error}");
        }
    }
}
