#!/usr/bin/env bash
# Times the mock binary from exec to its first answer for a service it reads
# from api-spec/ (cvm DescribeInstances through the official Python SDK's
# CommonClient), over RUNS runs; prints the median and the range. Needs the
# debug mock binary and the Python SDK under target/interop-python (.ci/run
# installs both). Usage: mock-server/bench-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
PYTHONPATH=target/interop-python python3 - "$runs" <<'PY'
import statistics, subprocess, sys, time
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

times = []
for _ in range(int(sys.argv[1])):
    started = time.perf_counter()
    mock = subprocess.Popen(["./target/debug/tencentcloud-mock", "--secret-id", "AKIDbench",
                             "--secret-key", "benchKey", "--no-scenario"], stdout=subprocess.PIPE, text=True)
    endpoint = mock.stdout.readline().strip().removeprefix("http://")
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
    client = CommonClient("cvm", "2017-03-12", credential.Credential("AKIDbench", "benchKey"), "ap-guangzhou", profile)
    answer = client.call_json("DescribeInstances", {"Limit": 1})
    times.append(time.perf_counter() - started)
    mock.terminate(); mock.wait()
    assert "RequestId" in answer["Response"], answer
print(f"mock start to first answer (cvm DescribeInstances): median {statistics.median(times)*1000:.0f} ms, "
      f"range {min(times)*1000:.0f}-{max(times)*1000:.0f} ms over {len(times)} runs")
PY
