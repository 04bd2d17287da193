"""The official Python SDK's generic client (CommonClient) calls every action
of every service version in a spec folder against the mock binary, each with
the first example request the spec holds (or an empty body), signed with the
service's signing name. Every call must come back as an API 3.0 envelope: a
success, or an error the mock's request checks gave. A call the mock does not
serve (InvalidAction, NoSuchVersion), a signature it refuses, or an answer
that is not an envelope fails the run.

Usage: python3 every_action.py HOST:PORT SECRET_ID SECRET_KEY SPEC_DIR
"""
import collections
import glob
import json
import os
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

endpoint, secret_id, secret_key, spec_dir = sys.argv[1:5]
NOT_SERVED = {"InvalidAction", "NoSuchVersion", "AuthFailure.SignatureFailure",
              "AuthFailure.InvalidAuthorization", "AuthFailure.SecretIdNotFound"}


def profile():
    http = HttpProfile(protocol="http", endpoint=endpoint)
    return ClientProfile(signMethod="TC3-HMAC-SHA256", httpProfile=http)


def first_request(action):
    for example in action.get("examples", []):
        if isinstance(example.get("request"), dict):
            return example["request"]
    return {}


cred = credential.Credential(secret_id, secret_key)
started = time.time()
outcomes = collections.Counter()
failures = []
versions = 0
for service_file in sorted(glob.glob(os.path.join(spec_dir, "*", "*", "service.json"))):
    with open(service_file) as f:
        service = json.load(f)
    versions += 1
    wire = service.get("signing_name", service["service"])
    client = CommonClient(wire, service["version"], cred, "ap-guangzhou", profile())
    folder = os.path.dirname(service_file)
    for action_file in sorted(glob.glob(os.path.join(folder, "actions", "*.json"))):
        with open(action_file) as f:
            action = json.load(f)
        name = action["name"]
        try:
            answer = client.call_json(name, first_request(action))
            if "RequestId" not in answer.get("Response", {}):
                failures.append(f"{wire} {service['version']} {name}: no RequestId in {answer}")
            outcomes["success"] += 1
        except TencentCloudSDKException as e:
            code = e.get_code() or ""
            if code in NOT_SERVED or not e.get_request_id():
                failures.append(f"{wire} {service['version']} {name}: {code} {e.get_message()}")
            outcomes[code.split(".")[0]] += 1

calls = sum(outcomes.values())
print(f"official Python SDK, CommonClient: {calls} actions of {versions} service versions "
      f"in {time.time() - started:.1f} s; answers: {dict(sorted(outcomes.items()))}")
if failures:
    print("\n".join(failures[:50]), file=sys.stderr)
    sys.exit(f"{len(failures)} action(s) were not served as envelopes")
if versions < 2 or calls == 0:
    sys.exit(f"nothing was called under {spec_dir}")
