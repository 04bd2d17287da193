"""Writes the seed corpus of each fuzz target from the repository's own data.

usage: python3 fuzz/seed.py CORPUS_DIR

- spec_file: every spec file of api-spec/, behind the byte that picks its kind;
- importer: the import fixture's api.json and the pinned description's
  smaller api.json files (when `cargo xtask import --check` installed them);
- decode_response: every example response of api-spec/;
- request_body: every example request, behind the byte that picks its action
  in the registry's order (service, version, action name).
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPECS = ROOT / "api-spec"
KINDS = ["common-errors.json", "service.json", "error-codes.json", "actions", "structures"]


def put(folder: pathlib.Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def kind_of(path: pathlib.Path) -> int:
    if path.name in ("common-errors.json", "service.json", "error-codes.json"):
        return KINDS.index(path.name)
    return KINDS.index(path.parent.name)


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    for path in sorted(SPECS.rglob("*.json")):
        if path.name == "spec.schema.json":
            continue
        put(out / "spec_file", bytes([kind_of(path)]) + path.read_bytes())
    apis = [ROOT / "tests/fixtures/import/tccli/services/shapes/v20200101/api.json"]
    installed = ROOT / "target/official-description/tccli/services"
    apis += sorted(p for p in installed.glob("*/v*/api.json") if p.stat().st_size < 64 * 1024)[:20]
    for path in apis:
        put(out / "importer", path.read_bytes())
    actions = sorted(
        (p.parts[-4], p.parts[-3], p.stem, p) for p in SPECS.glob("*/*/actions/*.json")
    )
    for index, (_, _, _, path) in enumerate(actions):
        spec = json.loads(path.read_text())
        for example in spec.get("examples", []):
            response = example.get("response")
            if isinstance(response, dict):
                put(out / "decode_response", json.dumps(response).encode())
            request = example.get("request")
            if isinstance(request, dict):
                put(out / "request_body", bytes([index % 256]) + json.dumps(request).encode())


if __name__ == "__main__":
    main()
