"""The official Tencent Cloud Python SDK against the mock binary (its default
clone scenario: 3 seeded instances per service, 1 poll before a clone runs),
over plain HTTP.

Usage: python3 official_python_sdk.py HOST:PORT SECRET_ID SECRET_KEY
Exits non-zero with a message when anything is not as expected.
"""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.postgres.v20170312 import models as pg_models, postgres_client
from tencentcloud.redis.v20180412 import models, redis_client

endpoint, secret_id, secret_key = sys.argv[1:4]


def profile():
    http = HttpProfile(protocol="http", endpoint=endpoint)
    return ClientProfile(signMethod="TC3-HMAC-SHA256", httpProfile=http)


def client(key):
    return redis_client.RedisClient(credential.Credential(secret_id, key), "ap-shanghai", profile())


def pg_client():
    cred = credential.Credential(secret_id, secret_key)
    return postgres_client.PostgresClient(cred, "ap-guangzhou", profile())


def describe_redis(instance_id):
    req = models.DescribeInstancesRequest()
    req.from_json_string(json.dumps({"InstanceId": instance_id}))
    return client(secret_key).DescribeInstances(req)


def describe_pg(offset, limit):
    req = pg_models.DescribeDBInstancesRequest()
    req.from_json_string(json.dumps({"Offset": offset, "Limit": limit}))
    return pg_client().DescribeDBInstances(req)


def request(**overrides):
    body = {
        "InstanceId": "crs-qddzg***", "GoodsNum": 1, "ZoneId": 200005, "BillingMode": 0, "Period": 1,
        "SecurityGroupIdList": ["sg-o0lb0***"], "BackupId": "331006369-11071477-*******",
        "VpcId": "vpc-c9v9o***", "SubnetId": "subnet-7054l***", "Password": "pwd**********",
    }
    body.update(overrides)
    req = models.CloneInstancesRequest()
    req.from_json_string(json.dumps(body))
    return req


def expect_error(key, req, code):
    try:
        client(key).CloneInstances(req)
    except TencentCloudSDKException as e:
        if e.get_code() != code:
            sys.exit(f"expected {code}, got {e.get_code()}: {e.get_message()}")
        return
    sys.exit(f"expected {code}, the call succeeded")


resp = client(secret_key).CloneInstances(request())
if len(resp.InstanceIds) != 1 or not resp.InstanceIds[0].startswith("crs-") or not resp.RequestId:
    sys.exit(f"unexpected response: {resp.to_json_string()}")
clone = resp.InstanceIds[0]
# The clone is being created on the first describe, running on the next.
states = [[i.Status for i in describe_redis(clone).InstanceSet] for _ in range(2)]
if states != [[1], [2]]:
    sys.exit(f"DescribeInstances({clone}): states {states}, expected [[1], [2]]")
first, rest = describe_pg(0, 2), describe_pg(2, 2)
if (first.TotalCount, len(first.DBInstanceSet), len(rest.DBInstanceSet)) != (3, 2, 1):
    sys.exit(f"DescribeDBInstances pages: {first.to_json_string()} then {rest.to_json_string()}")
ids = [i.DBInstanceId for i in first.DBInstanceSet + rest.DBInstanceSet]
if len(set(ids)) != 3 or any(i.DBInstanceStatus != "running" for i in first.DBInstanceSet):
    sys.exit(f"DescribeDBInstances: unexpected instances {ids}")
expect_error("not-the-key", request(), "AuthFailure.SignatureFailure")
expect_error(secret_key, request(Period=6), "InvalidParameterValue")
expect_error(secret_key, request(Password=None, NoAuth=False), "MissingParameter")
print("official Python SDK: 8 calls to both services behaved as expected")
