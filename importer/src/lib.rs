//! `cargo xtask import`: Tencent Cloud's official machine-readable API
//! description (the `api.json` and `examples.json` files shipped in the
//! `tccli` package, and the `errorcodes.py` files of the official Python SDK)
//! into `api-spec/`, keeping what curators wrote.
//!
//! Reading the description, knowing nothing of the spec format:
//!
//! - [`description`]: serde model of `api.json` and `examples.json`, and
//!   [`description::read_service_version`].
//! - [`http_example`]: the HTTP request text of an example, classified
//!   (JSON body, query string, or neither), and strict parsing of the
//!   example response.
//! - [`query_body`]: a GET example's query string as the JSON body it
//!   flattens.
//! - [`errorcodes`]: the `(code, description)` pairs of an `errorcodes.py`.
//! - [`client_file`]: the signing name and host of a Python SDK client file.
//! - [`markdown`]: a description `document` (HTML mixed with Markdown)
//!   turned into Markdown fit for rustdoc.
//!
//! Onto the spec format:
//!
//! - [`fresh`]: one service version as fresh spec values (types mapped,
//!   renames recorded), for one edition of the description;
//! - [`whole`]: actions whose request would lose a member, refused whole;
//! - [`edition_base`]: the international tree's curated facts, copied onto
//!   another edition's import;
//! - [`merge`]: fresh values merged into the checked-in ones, curated facts
//!   kept, contradictions reported;
//! - [`drafter`]: constraints drafted from a member's document, for review;
//! - [`paging`]: pagination facts drafted from member names;
//! - [`secrets`]: members marked sensitive because their name reads as a
//!   secret;
//! - [`run`]: one import end to end (read, merge, check examples, write or
//!   compare);
//! - [`report`]: what an import did, counted.
#![deny(missing_docs)]

pub mod client_file;
pub mod description;
pub mod drafter;
pub mod edition_base;
pub mod errorcodes;
pub mod http_example;
pub mod markdown;

pub mod fresh;
pub mod merge;
pub mod paging;
pub mod query_body;
pub mod report;
pub mod run;
pub mod secrets;
pub mod whole;
