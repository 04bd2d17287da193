//! Calls any action of the services it is built with (their features) with
//! a JSON request file and prints the response JSON, or the error. The
//! service is named as it signs (`as` for the autoscaling crate, as
//! `X-TC-Action` requests name it); the newest API version that has the
//! action is called.
//!
//! Exit status: 0 success; 1 the call failed and nothing was done (a
//! service error, or nothing was sent); 2 usage; 3 the outcome is unknown:
//! the service may have carried the request out (for an action that buys,
//! it may have bought; the message says what to check). Do not re-run on 3
//! before checking.
//!
//! ```sh
//! export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=... TENCENTCLOUD_REGION=ap-guangzhou
//! export TENCENTCLOUD_ENDPOINT=http://127.0.0.1:9000   # optional: a mock or private endpoint
//! cargo run -p tencentcloud-sdk --example call --features registry,cvm -- cvm DescribeInstances request.json
//! ```

use std::process::ExitCode;

use tencentcloud_sdk::client::Client;
use tencentcloud_sdk::registry;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [service, action, path] = args.as_slice() else {
        eprintln!("usage: call <service> <Action> <request.json>");
        let names: Vec<String> = registry::actions()
            .map(|a| format!("{} {} ({})", a.service, a.name, a.version))
            .collect();
        eprintln!("actions: {}", names.join(", "));
        return ExitCode::from(2);
    };
    // The newest API version of the service that has the action.
    let Some(entry) = registry::actions()
        .filter(|a| a.service == service && a.name == action)
        .max_by_key(|a| a.version)
    else {
        eprintln!("error: no action {action} in service {service}");
        return ExitCode::from(2);
    };
    let body = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Client::builder();
    if let Ok(region) = std::env::var("TENCENTCLOUD_REGION") {
        builder = builder.region(region);
    }
    if let Ok(endpoint) = std::env::var("TENCENTCLOUD_ENDPOINT") {
        builder = builder.endpoint_url(endpoint);
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match (entry.call_json)(&client, body).await {
        Ok(response) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&response).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.ambiguous => {
            eprintln!("error: {e}");
            if !e.may_have_bought {
                eprintln!("the outcome is unknown: the service may have carried the request out; check before calling again");
            }
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
