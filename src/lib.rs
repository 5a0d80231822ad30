//! samplegen renders declarative API request specs into code samples in eleven languages and a
//! Markdown page per endpoint, and keeps them in sync.
//!
//! Data flows one way: `specs/**/*.yaml` → [`spec`] (strict serde) → [`model`] (validated, normalised
//! request) → [`render`] (Tera templates + the per-language [`filters`]) → [`output`] (files on disk).

pub mod allocator;
pub mod build;
pub mod bundle;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod filters;
pub mod fs_safe;
pub mod hash;
pub mod http;
pub mod import;
pub mod model;
pub mod output;
pub mod page;
pub mod project;
pub mod render;
pub mod sample_values;
pub mod shape;
pub mod spec;
pub mod suggest;
pub mod syntax;
pub mod targets;
pub mod url;
pub mod verify;
pub mod yaml;
