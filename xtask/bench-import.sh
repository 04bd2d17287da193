#!/usr/bin/env bash
# Imports and generates the whole pinned international description with the
# release xtask, and prints wall time and peak memory of each stage as a
# Markdown table (for docs/benchmarks.md). Needs GNU time (/usr/bin/time).
# Usage: xtask/bench-import.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo xtask import --check >/dev/null 2>&1 || true   # installs the pinned packages into target/
desc=target/official-description
test -d "$desc/tccli/services" || { echo "pinned description missing under $desc" >&2; exit 1; }
cargo build --release -q -p xtask
# A folder never used before, removed at the end: this machine's ext4 is
# mounted with `discard`, and creating 19k files right after deleting as
# many costs it over 10 s of system time that is not the importer's.
out=target/surface/run-$$
mkdir -p "$out"
measure() { # label, command...
  sync  # earlier writes flushed, so they are not charged to this stage
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out.time" "$@" > "$out.$label.log" 2>&1 || { cat "$out.$label.log" >&2; exit 1; }
  read -r secs user sys kb < "$out.time"
  printf '| %s | %s s | %s s + %s s | %d MB |\n' "$label" "$secs" "$user" "$sys" "$((kb / 1024))"
}
echo "| Stage | Wall time | CPU user + system | Peak memory |"
echo "|---|---|---|---|"
measure import target/release/xtask import --all --from "$desc/tccli/services" \
  --errors-from "$desc/tencentcloud" --out "$out/api-spec"
# gen writes into a copy of generated-sdk/: the service crates, and the
# generated blocks of the facade's manifest, which must be there.
mkdir -p "$out/sdk/facade"
cp generated-sdk/facade/Cargo.toml "$out/sdk/facade/Cargo.toml"
measure gen target/release/xtask gen --specs "$out/api-spec" --out "$out/sdk"
head -1 "$out.import.log"
grep '^refused' "$out.import.log" || true
tail -1 "$out.gen.log"
echo "generated lines: $(find "$out/sdk" -name '*.rs' -exec cat {} + | wc -l)"
echo "service crates: $(find "$out/sdk/services" -mindepth 1 -maxdepth 1 -type d | wc -l)"
rm -rf "$out" "$out".*
