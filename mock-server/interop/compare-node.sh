#!/usr/bin/env bash
# Client CPU per call, this SDK against the official Node.js SDK: both call
# postgres CloneDBInstance against the same mock (release build,
# --no-scenario), one call at a time and 32 in flight; prints each side's
# JSON lines and the ratios. Installs the pinned Node SDK
# (mock-server/interop/node/package.json) under target/node-compare.
# Usage: mock-server/interop/compare-node.sh [CALLS]
set -euo pipefail
cd "$(dirname "$0")/../.."
calls=${1:-20000}
id=AKIDcompare key=compareKey

cargo build --release -q -p tencentcloud-mock
cargo build --release -q -p tencentcloud-sdk --features postgres --example cpu_per_call
mkdir -p target/node-compare
cp mock-server/interop/node/package.json mock-server/interop/node/cpu_per_call.js target/node-compare/
(cd target/node-compare && npm install --no-audit --no-fund --silent >/dev/null)

coproc MOCK { exec ./target/release/tencentcloud-mock --secret-id "$id" --secret-key "$key" --no-scenario; }
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true' EXIT
read -r endpoint <&"${MOCK[0]}"

out=$(mktemp)
TENCENTCLOUD_ENDPOINT="$endpoint" TENCENTCLOUD_SECRET_ID="$id" TENCENTCLOUD_SECRET_KEY="$key" \
  ./target/release/examples/cpu_per_call "$calls" | tee -a "$out"
TENCENTCLOUD_ENDPOINT="$endpoint" TENCENTCLOUD_SECRET_ID="$id" TENCENTCLOUD_SECRET_KEY="$key" \
  ./target/release/examples/cpu_per_call "$calls" --current-thread | sed 's/"rust"/"rust-current-thread"/' | tee -a "$out"
MOCK_ADDR="${endpoint#http://}" node target/node-compare/cpu_per_call.js "$id" "$key" "$calls" | tee -a "$out"
# What the exchange costs without the SDK: the same signed bytes over a bare
# socket, and through a bare reqwest client.
for bare in --floor --reqwest; do
  TENCENTCLOUD_ENDPOINT="$endpoint" TENCENTCLOUD_SECRET_ID="$id" TENCENTCLOUD_SECRET_KEY="$key" \
    ./target/release/examples/cpu_per_call "$calls" "$bare" --current-thread | tee -a "$out"
done

python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = {(r["client"], r["mode"]): r["cpu_ms_per_call"] for r in rows}
for mode in ("sequential", "in_flight_32"):
    node = cpu[("node", mode)]
    for client in ("rust", "rust-current-thread"):
        print(f"{mode}: node {node:.4f} ms / {client} {cpu[(client, mode)]:.4f} ms CPU per call = {node / cpu[(client, mode)]:.1f}x")
seq = cpu[("rust-current-thread", "sequential")]
for bare in ("floor", "reqwest"):
    print(f"sequential, current thread: {bare} {cpu[(bare, 'sequential')]:.4f} ms = {cpu[(bare, 'sequential')] / seq:.2f} of the SDK's call")
PY
