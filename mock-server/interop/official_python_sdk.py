"""The official Tencent Cloud Python SDK against the mock, over plain HTTP.

Usage: python3 official_python_sdk.py HOST:PORT SECRET_ID SECRET_KEY
Exits non-zero with a message when anything is not as expected.
"""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.redis.v20180412 import models, redis_client

endpoint, secret_id, secret_key = sys.argv[1:4]


def client(key):
    http = HttpProfile(protocol="http", endpoint=endpoint)
    profile = ClientProfile(signMethod="TC3-HMAC-SHA256", httpProfile=http)
    return redis_client.RedisClient(credential.Credential(secret_id, key), "ap-shanghai", profile)


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
if resp.InstanceIds != ["crs-kic3****"] or not resp.RequestId:
    sys.exit(f"unexpected response: {resp.to_json_string()}")
expect_error("not-the-key", request(), "AuthFailure.SignatureFailure")
expect_error(secret_key, request(Period=6), "InvalidParameterValue")
expect_error(secret_key, request(Password=None, NoAuth=False), "MissingParameter")
print("official Python SDK: 4 calls behaved as expected")
