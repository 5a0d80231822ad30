//! Facts about HTTP that several modules need, each in one place with its tests: media types and
//! fences ([`media`]), percent-encoding and base64 ([`encoding`]), header rules ([`headers`]), and
//! the headers of a multipart body's parts ([`multipart`]).
//! The Tera filters in [`crate::filters`] write values into samples; these say what the values are.

pub mod encoding;
pub mod headers;
pub mod media;
pub mod multipart;

pub use headers::is_forbidden_in_browsers;
pub use media::{is_json, media_type};
