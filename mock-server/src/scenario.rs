//! A stateful scenario for the two clone flows: a clone creates instances
//! that the describe actions report as being created, then as running after
//! a set number of polls; the list actions page over every instance; orders
//! (PostgreSQL) and tasks (Redis) finish the same way.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use tencentcloud_mock::{MockServer, Scenario};
//!
//! let mock = MockServer::start("AKIDEXAMPLE", "secret").await?;
//! let scenario = Scenario::new(3);
//! scenario.seed_postgres_instances(25);
//! scenario.install(&mock);
//! // CloneDBInstance, DescribeOrders, DescribeDBInstances, CloneInstances,
//! // DescribeInstances and DescribeTaskInfo now answer from the scenario.
//! # Ok(()) }
//! ```
//!
//! Requests reach the scenario only after the mock's checks (signature,
//! strict body, the SDK's validators), so a handler reads well-formed JSON.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{json, Value};

use crate::{MockServer, Recorded, Reply};

/// The actions the scenario answers.
pub const ACTIONS: [&str; 6] = [
    "CloneDBInstance",
    "DescribeOrders",
    "DescribeDBInstances",
    "CloneInstances",
    "DescribeInstances",
    "DescribeTaskInfo",
];

/// PostgreSQL's default page size (`Limit` 0 or absent).
const POSTGRES_DEFAULT_LIMIT: u64 = 10;
/// Redis's default page size.
const REDIS_DEFAULT_LIMIT: u64 = 20;

#[derive(Debug, Clone)]
struct Instance {
    id: String,
    name: String,
    /// Describes left before it runs.
    polls_left: u32,
    /// A state set by the test, kept whatever the polls.
    fixed: Option<Value>,
}

#[derive(Debug, Clone)]
struct Deal {
    instances: Vec<String>,
    polls_left: u32,
}

#[derive(Debug, Clone)]
struct Task {
    instance: String,
    polls_left: u32,
    outcome: String,
}

#[derive(Debug, Default)]
struct World {
    polls: u32,
    next: u64,
    postgres: Vec<Instance>,
    redis: Vec<Instance>,
    deals: BTreeMap<String, Deal>,
    tasks: BTreeMap<u64, Task>,
    reported_total: Option<u64>,
}

impl World {
    fn next_id(&mut self) -> u64 {
        self.next += 1;
        self.next
    }
}

/// The scenario's state, shared by the handlers it installs. Clones share it.
#[derive(Clone, Debug, Default)]
pub struct Scenario {
    world: Arc<Mutex<World>>,
}

fn field<'a>(body: &'a Value, name: &str) -> Option<&'a Value> {
    body.get(name).filter(|v| !v.is_null())
}

fn page(body: &Value, default_limit: u64) -> (usize, usize) {
    let offset = field(body, "Offset").and_then(Value::as_u64).unwrap_or(0);
    let limit = match field(body, "Limit").and_then(Value::as_u64) {
        None | Some(0) => default_limit,
        Some(l) => l,
    };
    (
        usize::try_from(offset).unwrap_or(usize::MAX),
        usize::try_from(limit).unwrap_or(usize::MAX),
    )
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The instances `keep` selects on the page `(offset, limit)`, each with its
/// state (`creating` until it has been described enough, then `running`,
/// unless pinned), and the total to report. Each listed instance counts as
/// described once.
fn list_page(
    instances: &mut [Instance],
    keep: impl Fn(&Instance) -> bool,
    (offset, limit): (usize, usize),
    reported: Option<u64>,
    (creating, running): (Value, Value),
) -> (u64, Vec<(Instance, Value)>) {
    let matching: Vec<&mut Instance> = instances.iter_mut().filter(|i| keep(i)).collect();
    let total = reported.unwrap_or(matching.len() as u64);
    let listed = matching
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|i| {
            let state = i.fixed.clone().unwrap_or_else(|| {
                if i.polls_left == 0 {
                    running.clone()
                } else {
                    creating.clone()
                }
            });
            i.polls_left = i.polls_left.saturating_sub(1);
            (i.clone(), state)
        })
        .collect();
    (total, listed)
}

/// One listed instance of the page's example, to dress as each instance.
fn postgres_template() -> Value {
    tencentcloud_sdk::registry::find("postgres", "2017-03-12", "DescribeDBInstances")
        .and_then(|e| serde_json::from_str::<Value>(e.example_response).ok())
        .and_then(|r| r.get("DBInstanceSet")?.get(0).cloned())
        .unwrap_or_else(|| json!({}))
}

impl Scenario {
    /// A scenario in which a created instance, order or task is ready after
    /// it has been described `polls` times.
    pub fn new(polls: u32) -> Self {
        let scenario = Self::default();
        scenario.world().polls = polls;
        scenario
    }

    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Answers the scenario's [`ACTIONS`] on `mock` from now on.
    pub fn install(&self, mock: &MockServer) {
        for action in ACTIONS {
            mock.on(action, [self.reply(action)]);
        }
    }

    /// The scenario's answer to `action`, as a reply to queue among others
    /// (an error on the third page, say). Actions the scenario does not know
    /// get the example answer.
    pub fn reply(&self, action: &str) -> Reply {
        let this = self.clone();
        let handle: fn(&Scenario, &Value) -> Reply = match action {
            "CloneDBInstance" => Scenario::clone_postgres,
            "DescribeOrders" => Scenario::describe_orders,
            "DescribeDBInstances" => Scenario::describe_postgres,
            "CloneInstances" => Scenario::clone_redis,
            "DescribeInstances" => Scenario::describe_redis,
            "DescribeTaskInfo" => Scenario::describe_task,
            _ => return Reply::Example,
        };
        Reply::handler(move |r: &Recorded| handle(&this, &r.json().unwrap_or(Value::Null)))
    }

    /// Adds `n` running PostgreSQL instances; returns their IDs.
    pub fn seed_postgres_instances(&self, n: usize) -> Vec<String> {
        self.seed(n, "postgres", |w| &mut w.postgres)
    }

    /// Adds `n` running Redis instances; returns their IDs.
    pub fn seed_redis_instances(&self, n: usize) -> Vec<String> {
        self.seed(n, "crs", |w| &mut w.redis)
    }

    fn seed(
        &self,
        n: usize,
        prefix: &str,
        list: fn(&mut World) -> &mut Vec<Instance>,
    ) -> Vec<String> {
        let mut w = self.world();
        (0..n)
            .map(|_| {
                let id = format!("{prefix}-{:08}", w.next_id());
                list(&mut w).push(Instance {
                    name: format!("seeded-{id}"),
                    id: id.clone(),
                    polls_left: 0,
                    fixed: None,
                });
                id
            })
            .collect()
    }

    /// Pins an instance's state (`"isolated"` for PostgreSQL, `-2` for
    /// Redis, say), whatever the polls.
    pub fn set_instance_state(&self, id: &str, state: Value) {
        let mut w = self.world();
        let World {
            postgres, redis, ..
        } = &mut *w;
        for i in postgres.iter_mut().chain(redis.iter_mut()) {
            if i.id == id {
                i.fixed = Some(state.clone());
            }
        }
    }

    /// Adds a Redis task that runs for `polls` describes, then ends as
    /// `outcome` (`"succeed"`, `"failed"`); returns its ID.
    pub fn add_redis_task(&self, instance: &str, polls: u32, outcome: &str) -> u64 {
        let mut w = self.world();
        let id = w.next_id();
        w.tasks.insert(
            id,
            Task {
                instance: instance.to_owned(),
                polls_left: polls,
                outcome: outcome.to_owned(),
            },
        );
        id
    }

    /// Makes the list actions report this `TotalCount` instead of the true
    /// one (a service with an inconsistent total); `None` restores it.
    pub fn set_reported_total(&self, total: Option<u64>) {
        self.world().reported_total = total;
    }

    fn clone_postgres(&self, body: &Value) -> Reply {
        let mut w = self.world();
        let n = w.next_id();
        let id = format!("postgres-{n:08}");
        let source = field(body, "DBInstanceId")
            .and_then(Value::as_str)
            .unwrap_or("");
        let name = field(body, "Name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("{source}-Copy"), str::to_owned);
        let polls = w.polls;
        w.postgres.push(Instance {
            id: id.clone(),
            name,
            polls_left: polls,
            fixed: None,
        });
        let deal = format!("2026112500{n:06}");
        w.deals.insert(
            deal.clone(),
            Deal {
                instances: vec![id.clone()],
                polls_left: polls,
            },
        );
        let postpaid =
            field(body, "InstanceChargeType").and_then(Value::as_str) == Some("POSTPAID_BY_HOUR");
        let mut answer = json!({ "DealName": deal, "BillId": format!("bill-{n:08}") });
        if postpaid {
            answer["DBInstanceId"] = json!(id);
        }
        Reply::Json(answer)
    }

    fn describe_orders(&self, body: &Value) -> Reply {
        let mut w = self.world();
        let mut deals = Vec::new();
        for name in strings(field(body, "DealNames")) {
            if let Some(d) = w.deals.get_mut(&name) {
                let delivered = d.polls_left == 0;
                d.polls_left = d.polls_left.saturating_sub(1);
                deals.push(json!({
                    "DealName": name,
                    "OwnerUin": "100000000001",
                    "Count": d.instances.len(),
                    "PayMode": 0,
                    "FlowId": 0,
                    "DBInstanceIdSet": if delivered { d.instances.clone() } else { Vec::new() },
                }));
            }
        }
        Reply::Json(json!({ "TotalCount": deals.len(), "Deals": deals }))
    }

    fn describe_postgres(&self, body: &Value) -> Reply {
        let mut w = self.world();
        let filters: Vec<(String, Vec<String>)> = field(body, "Filters")
            .and_then(Value::as_array)
            .map(|fs| {
                fs.iter()
                    .map(|f| {
                        let name = f.get("Name").and_then(Value::as_str).unwrap_or("");
                        (name.to_owned(), strings(f.get("Values")))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let keep = |i: &Instance| {
            filters.iter().all(|(name, values)| match name.as_str() {
                "db-instance-id" => values.contains(&i.id),
                "db-instance-name" => values.iter().any(|v| i.name.contains(v.as_str())),
                _ => true,
            })
        };
        let reported = w.reported_total;
        let states = (json!("initing"), json!("running"));
        let (total, listed) = list_page(
            &mut w.postgres,
            keep,
            page(body, POSTGRES_DEFAULT_LIMIT),
            reported,
            states,
        );
        let template = postgres_template();
        let set: Vec<Value> = listed
            .into_iter()
            .map(|(i, status)| {
                let mut item = template.clone();
                item["DBInstanceId"] = json!(i.id);
                item["DBInstanceName"] = json!(i.name);
                item["DBInstanceStatus"] = status;
                item
            })
            .collect();
        Reply::Json(json!({ "TotalCount": total, "DBInstanceSet": set }))
    }

    fn clone_redis(&self, body: &Value) -> Reply {
        let mut w = self.world();
        let count = field(body, "GoodsNum").and_then(Value::as_u64).unwrap_or(1);
        let name = field(body, "InstanceName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let polls = w.polls;
        let mut ids = Vec::new();
        for _ in 0..count {
            let id = format!("crs-{:08}", w.next_id());
            w.redis.push(Instance {
                id: id.clone(),
                name: name.to_owned(),
                polls_left: polls,
                fixed: None,
            });
            ids.push(id);
        }
        let n = w.next_id();
        Reply::Json(json!({
            "DealId": format!("deal-{n:08}"),
            "DealName": format!("2026112500{n:06}"),
            "InstanceIds": ids,
        }))
    }

    fn describe_redis(&self, body: &Value) -> Reply {
        let mut w = self.world();
        let one = field(body, "InstanceId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let some = strings(field(body, "InstanceIds"));
        let keep = |i: &Instance| {
            one.as_ref().is_none_or(|id| &i.id == id) && (some.is_empty() || some.contains(&i.id))
        };
        let reported = w.reported_total;
        let (total, listed) = list_page(
            &mut w.redis,
            keep,
            page(body, REDIS_DEFAULT_LIMIT),
            reported,
            (json!(1), json!(2)),
        );
        let set: Vec<Value> = listed
            .into_iter()
            .map(|(i, status)| {
                json!({
                    "InstanceId": i.id,
                    "InstanceName": i.name,
                    "Status": status,
                    "Region": "ap-guangzhou",
                    "Engine": "Redis",
                })
            })
            .collect();
        Reply::Json(json!({ "TotalCount": total, "InstanceSet": set }))
    }

    fn describe_task(&self, body: &Value) -> Reply {
        let mut w = self.world();
        let id = field(body, "TaskId").and_then(Value::as_u64).unwrap_or(0);
        let Some(task) = w.tasks.get_mut(&id) else {
            return Reply::error(
                "ResourceNotFound",
                &format!("The task {id} does not exist."),
            );
        };
        let status = if task.polls_left == 0 {
            task.outcome.clone()
        } else {
            "running".to_owned()
        };
        task.polls_left = task.polls_left.saturating_sub(1);
        Reply::Json(json!({
            "Status": status,
            "StartTime": "2026-11-25 12:00:00",
            "TaskType": "Create",
            "InstanceId": task.instance,
            "TaskMessage": "",
        }))
    }
}
