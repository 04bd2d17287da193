//! Clones an instance, waits until the clone runs, and prints it; exits
//! non-zero with the waiter's outcome otherwise.
//!
//! ```sh
//! # Against the mock (`cargo run -p tencentcloud-mock` prints its endpoint):
//! export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=... TENCENTCLOUD_REGION=ap-guangzhou
//! export TENCENTCLOUD_ENDPOINT=http://127.0.0.1:PORT
//! cargo run -p tencentcloud-sdk --example clone_and_wait -- postgres
//! cargo run -p tencentcloud-sdk --example clone_and_wait -- redis
//! ```
//!
//! Credentials, region and endpoint come from the environment, as for the
//! `call` example. Cloning buys an instance: without `TENCENTCLOUD_ENDPOINT`
//! (that is, against Tencent Cloud itself) the example refuses to run unless
//! `--buy` is given, and then clones from the source named by
//! `CLONE_SOURCE_ID` with the backup `CLONE_BACKUP_ID` (Redis) or the
//! recovery time `CLONE_RECOVERY_TIME` (PostgreSQL).
//!
//! `--min-delay-ms N` polls faster than the waiters' defaults (the mock
//! needs no 5-second pauses).
//!
//! Exit status:
//! - 0: the clone runs;
//! - 1: failed, and nothing was bought (the clone was refused, or nothing
//!   was sent);
//! - 2: usage;
//! - 3: the clone may have been bought but its outcome is unknown (the
//!   answer was lost, or the service failed while handling it). The
//!   message says what to check; re-running without checking may buy a
//!   second instance;
//! - 4: the clone was ordered (it has an order or instance ID), but waiting
//!   for it failed or timed out: it exists and is billed; do not re-run,
//!   look it up by the ID printed.

use std::process::ExitCode;
use std::time::Duration;

use tencentcloud_sdk::client::{Client, WaitConfig, WaitOutcome};
use tencentcloud_sdk::postgres::v20170312 as postgres;
use tencentcloud_sdk::redis::v20180412 as redis;

type Failure = Box<dyn std::error::Error>;

/// How a run ended, and the exit status that says it.
enum Ended {
    /// The clone call failed; whether it may have bought.
    Clone {
        error: Failure,
        may_have_bought: bool,
    },
    /// The clone was ordered; waiting for it failed.
    Wait(Failure),
}

impl Ended {
    /// The clone call's error.
    fn clone_failed<C: tencentcloud_sdk::action::ErrorCode>(
        error: tencentcloud_sdk::client::Error<C>,
    ) -> Self {
        Ended::Clone {
            may_have_bought: error.is_ambiguous(),
            error: error.into(),
        }
    }

    fn report(self) -> ExitCode {
        match self {
            Ended::Clone {
                error,
                may_have_bought: true,
            } => {
                eprintln!("error: {error}");
                eprintln!(
                    "the instance may have been bought: check as above before running this again"
                );
                ExitCode::from(3)
            }
            Ended::Clone { error, .. } => {
                eprintln!("error: {error}");
                eprintln!("nothing was bought");
                ExitCode::FAILURE
            }
            Ended::Wait(error) => {
                eprintln!("error: {error}");
                eprintln!(
                    "the clone was ordered (IDs above) and is billed; do not run this again: \
                     look it up by its ID"
                );
                ExitCode::from(4)
            }
        }
    }
}

struct Options {
    service: String,
    min_delay: Option<Duration>,
}

fn env_or(name: &str, fallback: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fallback.to_owned())
}

/// The waiter's defaults, or a shorter first delay.
fn config(defaults: WaitConfig, options: &Options) -> WaitConfig {
    match options.min_delay {
        Some(min) => defaults.with_delays(min, min * 8),
        None => defaults,
    }
}

/// The outcome's resource, or the outcome as the error.
fn reached<T>(what: &str, outcome: WaitOutcome<T>) -> Result<T, Failure> {
    match outcome {
        WaitOutcome::Reached(resource) => Ok(resource),
        other => Err(format!("{what}: {other}").into()),
    }
}

async fn clone_postgres(client: &Client, options: &Options) -> Result<(), Ended> {
    let pg = client.postgres();
    let request = postgres::CloneDBInstanceRequest::builder()
        .db_instance_id(env_or("CLONE_SOURCE_ID", "postgres-abcd1234"))
        .spec_code("pg.it.small2")
        .storage(20)
        .period(1)
        .auto_renew_flag(postgres::AutoRenewFlag::ManualRenewal)
        .instance_charge_type(postgres::InstanceChargeType::PostpaidByHour)
        .vpc_id(env_or("CLONE_VPC_ID", "vpc-2ot3acw1"))
        .subnet_id(env_or("CLONE_SUBNET_ID", "subnet-ppv9iw34"))
        .recovery_target_time(env_or("CLONE_RECOVERY_TIME", "2026-11-25 01:27:35"))
        .name("clone-and-wait")
        .build()
        .map_err(|e| Ended::Clone {
            error: e.into(),
            may_have_bought: false,
        })?;
    let cloned = pg
        .clone_db_instance(request)
        .await
        .map_err(Ended::clone_failed)?;
    eprintln!("ordered: deal {}", cloned.deal_name);
    wait_postgres(&pg, &cloned.deal_name, options)
        .await
        .map_err(Ended::Wait)
}

async fn wait_postgres(
    pg: &postgres::PostgresClient<'_>,
    deal_name: &str,
    options: &Options,
) -> Result<(), Failure> {
    // The order names the new instance once it is delivered.
    let wait = config(postgres::PostgresClient::WAIT_ORDER_DELIVERED, options);
    let deal = pg.wait_until_order_delivered_with(deal_name, wait).await?;
    let deal = reached("the order", deal)?;
    let ids = deal.db_instance_id_set.unwrap_or_default();
    eprintln!("delivered: {}", ids.join(", "));

    let wait = config(postgres::PostgresClient::WAIT_DB_INSTANCE_RUNNING, options);
    for id in ids {
        let outcome = pg.wait_until_db_instance_running_with(&id, wait).await?;
        let instance = reached(&format!("instance {id}"), outcome)?;
        println!(
            "{} {} {}",
            instance.db_instance_id.unwrap_or_default(),
            instance.db_instance_status.unwrap_or_default(),
            instance.db_instance_name.unwrap_or_default()
        );
    }
    Ok(())
}

async fn clone_redis(client: &Client, options: &Options) -> Result<(), Ended> {
    let rd = client.redis();
    let request = redis::CloneInstancesRequest::builder()
        .instance_id(env_or("CLONE_SOURCE_ID", "crs-qddzg***"))
        .goods_num(1)
        .zone_id(100_003)
        .billing_mode(redis::BillingMode::PayAsYouGo)
        .period(1)
        .security_group_id_list([env_or("CLONE_SECURITY_GROUP_ID", "sg-o0lb0***")])
        .backup_id(env_or("CLONE_BACKUP_ID", "331006369-11071477-*******"))
        .no_auth(true)
        .instance_name("clone-and-wait")
        .build()
        .map_err(|e| Ended::Clone {
            error: e.into(),
            may_have_bought: false,
        })?;
    let cloned = rd
        .clone_instances(request)
        .await
        .map_err(Ended::clone_failed)?;
    eprintln!("ordered: {}", cloned.instance_ids.join(", "));
    wait_redis(&rd, cloned.instance_ids, options)
        .await
        .map_err(Ended::Wait)
}

async fn wait_redis(
    rd: &redis::RedisClient<'_>,
    ids: Vec<String>,
    options: &Options,
) -> Result<(), Failure> {
    let wait = config(redis::RedisClient::WAIT_INSTANCE_RUNNING, options);
    for id in ids {
        let outcome = rd.wait_until_instance_running_with(&id, wait).await?;
        let instance = reached(&format!("instance {id}"), outcome)?;
        println!(
            "{} {} {}",
            instance.instance_id.unwrap_or_default(),
            instance.status.unwrap_or_default(),
            instance.instance_name.unwrap_or_default()
        );
    }
    Ok(())
}

fn parse() -> Result<(Options, bool), String> {
    let mut service = None;
    let mut min_delay = None;
    let mut buy = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--buy" => buy = true,
            "--min-delay-ms" => {
                let ms: u64 = args
                    .next()
                    .ok_or("--min-delay-ms needs a value")?
                    .parse()
                    .map_err(|e| format!("--min-delay-ms: {e}"))?;
                min_delay = Some(Duration::from_millis(ms.max(1)));
            }
            "postgres" | "redis" if service.is_none() => service = Some(arg),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    let service = service.ok_or("name a service: postgres or redis")?;
    Ok((Options { service, min_delay }, buy))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (options, buy) = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("usage: clone_and_wait <postgres|redis> [--min-delay-ms N] [--buy]");
            return ExitCode::from(2);
        }
    };
    let mut builder = Client::builder();
    if let Ok(region) = std::env::var("TENCENTCLOUD_REGION") {
        builder = builder.region(region);
    }
    match std::env::var("TENCENTCLOUD_ENDPOINT") {
        Ok(endpoint) => builder = builder.endpoint_url(endpoint),
        Err(_) if !buy => {
            eprintln!(
                "error: no TENCENTCLOUD_ENDPOINT, so this would buy a real instance; \
                 pass --buy to do so"
            );
            return ExitCode::from(2);
        }
        Err(_) => {}
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let done = match options.service.as_str() {
        "postgres" => clone_postgres(&client, &options).await,
        _ => clone_redis(&client, &options).await,
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(ended) => ended.report(),
    }
}
