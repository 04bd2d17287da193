#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer's coverage instrumentation (stable
# Rust: the flags cargo-fuzz passes, for the host triple so that build
# scripts stay plain) and runs each on a corpus seeded from the repository.
#
#   fuzz/run.sh [SECONDS]        each target for SECONDS (default 20)
#   fuzz/run.sh --runs N         each target for N executions
#
# A crash leaves its input in target/fuzz-artifacts/<target>/ and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

limit="-max_total_time=${1:-20}"
if [ "${1:-}" = "--runs" ]; then
  limit="-runs=$2"
fi
triple="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
cargo build --locked --release --manifest-path fuzz/Cargo.toml --target "$triple" --target-dir target/fuzz

corpus=target/fuzz-corpus
python3 fuzz/seed.py "$corpus"
for target in spec_file importer decode_response request_body pagination; do
  mkdir -p "$corpus/$target" "target/fuzz-artifacts/$target"
  echo "== $target ($limit)"
  "target/fuzz/$triple/release/$target" "$corpus/$target" "$limit" -max_len=65536 \
    -artifact_prefix="target/fuzz-artifacts/$target/" -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|Done|==|SUMMARY|panicked|thread)" || true
  # libFuzzer exits non-zero on a crash; the artifact is the evidence.
  if ls "target/fuzz-artifacts/$target/"crash-* >/dev/null 2>&1; then
    echo "fuzz target $target found a crash: target/fuzz-artifacts/$target/" >&2
    exit 1
  fi
done
