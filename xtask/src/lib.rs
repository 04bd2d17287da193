//! What `cargo xtask` shares with the integration tests.

pub mod scratch;
