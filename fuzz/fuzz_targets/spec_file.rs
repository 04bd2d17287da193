//! The spec reader on any text, as each kind of spec file: a problem or a
//! value, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 5] = [
    "common-errors.json",
    "svc/2020-01-01/service.json",
    "svc/2020-01-01/error-codes.json",
    "svc/2020-01-01/actions/Act.json",
    "svc/2020-01-01/structures/Thing.json",
];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        let _ = codegen::spec::parse_file_text(KINDS[usize::from(kind) % KINDS.len()], text);
    }
});
