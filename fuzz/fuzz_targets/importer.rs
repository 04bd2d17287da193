//! The importer on any `api.json` text: parsed, then turned into a spec
//! (HTML to Markdown, names, types), with a report and never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(api) = importer::description::parse_api_json(text) {
        let examples = importer::description::parse_examples_json("{\"actions\":{}}")
            .expect("an empty examples file");
        let mut report = importer::report::Report::default();
        for edition in codegen::spec::Edition::ALL {
            let _ = importer::fresh::build(
                ("svc", "2020-01-01", edition),
                &api,
                &examples,
                &mut report,
            );
        }
    }
});
