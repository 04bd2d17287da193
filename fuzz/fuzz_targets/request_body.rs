//! The mock's request reader (`check_body`: strict JSON into the typed
//! request, then the generated validators) on any bytes, for an action
//! chosen by the first byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_sdk::registry;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let actions: Vec<_> = registry::actions().collect();
    let entry = actions[usize::from(pick) % actions.len()];
    let _ = (entry.check_body)(body);
});
