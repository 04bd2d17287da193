//! Pure parsing pieces of `cargo xtask import`: reading Tencent Cloud's
//! official machine-readable API description (the `api.json` and
//! `examples.json` files shipped in the `tccli` package, and the
//! `errorcodes.py` files of the official Python SDK) into plain Rust values.
//!
//! Nothing here writes files or knows the spec format of `api-spec/`; the
//! importer in `xtask` maps these values onto it.
//!
//! - [`description`]: serde model of `api.json` and `examples.json`, and
//!   [`description::read_service_version`].
//! - [`http_example`]: the HTTP request text of an example, classified
//!   (JSON body, query string, or neither), and strict parsing of the
//!   example response.
//! - [`errorcodes`]: the `(code, description)` pairs of an `errorcodes.py`.
//! - [`markdown`]: a description `document` (HTML mixed with Markdown)
//!   turned into Markdown fit for rustdoc.
#![deny(missing_docs)]

pub mod description;
pub mod errorcodes;
pub mod http_example;
pub mod markdown;

pub mod fresh;
pub mod merge;
pub mod report;
pub mod run;
