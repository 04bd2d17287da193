// Client CPU per call of the official Node.js SDK (CommonClient) calling
// postgres CloneDBInstance against the mock: one call at a time, then 32 in
// flight. Run by mock-server/interop/compare-node.sh; prints one JSON line
// per mode, as the Rust example cpu_per_call does.
//
// usage: MOCK_ADDR=127.0.0.1:PORT node cpu_per_call.js ID KEY [CALLS]
"use strict";
const http = require("http");
const { CommonClient } = require("tencentcloud-sdk-nodejs-common");

const [secretId, secretKey, callsArg] = process.argv.slice(2);
const calls = Number(callsArg || 20000);
const [mockHost, mockPort] = process.env.MOCK_ADDR.split(":");
const IN_FLIGHT = 32;

// The SDK names the signing service after the endpoint's first label, so it
// keeps the real host name; the agent connects to the mock instead.
class MockAgent extends http.Agent {
  createConnection(options, callback) {
    return super.createConnection({ ...options, host: mockHost, port: Number(mockPort) }, callback);
  }
}

const client = new CommonClient("postgres.tencentcloudapi.com", "2017-03-12", {
  credential: { secretId, secretKey },
  region: "ap-guangzhou",
  profile: {
    httpProfile: {
      protocol: "http://",
      agent: new MockAgent({ keepAlive: true, maxSockets: IN_FLIGHT }),
    },
  },
});

const request = {
  DBInstanceId: "postgres-abcd1234",
  SpecCode: "cdb.pg.z1.2g",
  Storage: 10,
  Period: 1,
  AutoRenewFlag: 1,
  VpcId: "vpc-2ot3acw1",
  SubnetId: "subnet-ppv9iw34",
  InstanceChargeType: "PREPAID",
  RecoveryTargetTime: "2021-12-25 01:27:35",
  DBNodeSet: [
    { Role: "Standby", Zone: "ap-guangzhou-3" },
    { Role: "Primary", Zone: "ap-guangzhou-3" },
  ],
};

async function run(n, inFlight) {
  for (let done = 0; done < n; ) {
    const batch = Math.min(inFlight, n - done);
    const answers = await Promise.all(
      Array.from({ length: batch }, () => client.request("CloneDBInstance", request)),
    );
    for (const a of answers) {
      if (!a.DealName) throw new Error("unexpected answer: " + JSON.stringify(a));
    }
    done += batch;
  }
}

async function main() {
  await run(500, IN_FLIGHT); // connections, JIT
  for (const [mode, inFlight] of [["sequential", 1], ["in_flight_32", IN_FLIGHT]]) {
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    await run(calls, inFlight);
    const used = process.cpuUsage(cpu);
    const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;
    const cpuMs = (used.user + used.system) / 1000;
    console.log(JSON.stringify({
      client: "node",
      mode,
      calls,
      cpu_ms_per_call: Number((cpuMs / calls).toFixed(4)),
      wall_ms_per_call: Number((wallMs / calls).toFixed(4)),
    }));
  }
}

main().catch((e) => {
  console.error("cpu_per_call.js:", e);
  process.exit(1);
});
