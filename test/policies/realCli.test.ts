import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";

/**
 * The packs as the Pulumi CLI runs them: `pulumi preview --policy-pack policies/<pack>` starts
 * @pulumi/pulumi's run-policy-pack in the pack folder (TypeScript through the SDK's own loader),
 * reads the gRPC port it prints, and calls the analyzer. This does exactly that, without the CLI
 * and without a cloud, then sends the requests the engine would.
 */

const ROOT = path.join(__dirname, "..", "..");
const NM = path.join(ROOT, "node_modules");
/* eslint-disable @typescript-eslint/no-require-imports */
const grpc = require(path.join(NM, "@grpc/grpc-js"));
const rpc = require(path.join(NM, "@pulumi/pulumi/proto/analyzer_grpc_pb"));
const pb = require(path.join(NM, "@pulumi/pulumi/proto/analyzer_pb"));
const structpb = require(path.join(NM, "google-protobuf/google/protobuf/struct_pb"));
const emptypb = require(path.join(NM, "google-protobuf/google/protobuf/empty_pb"));
/* eslint-enable @typescript-eslint/no-require-imports */

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const MANDATORY = 1;

interface Served {
  readonly child: ChildProcess;
  readonly client: { [method: string]: (req: unknown, cb: (e: Error | null, r: any) => void) => void };
}

function serve(pack: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(NM, "@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", "."], {
      cwd: path.join(ROOT, "policies", pack),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve({ child, client: new rpc.AnalyzerClient(`127.0.0.1:${m[1]}`, grpc.credentials.createInsecure()) });
    });
    child.stderr!.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`the ${pack} pack exited (${code}) before serving:\n${err}${out}`)));
  });
}

function call(s: Served, method: string, req: unknown): Promise<any> {
  return new Promise((resolve, reject) => s.client[method](req, (e, r) => (e ? reject(e) : resolve(r))));
}

function options(protect = false) {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(protect);
  return o;
}

function provider(region: string) {
  const p = new pb.AnalyzerProviderResource();
  p.setType("pulumi:providers:aws");
  p.setUrn("urn:pulumi:dev::landing-zone::pulumi:providers:aws::dev-aws");
  p.setName("dev-aws");
  p.setProperties(structpb.Struct.fromJavaScript({ region, defaultTags: JSON.stringify({ tags: { owner: "o", dataClassification: "c", environment: "e" } }) }));
  return p;
}

function analyzeRequest(type: string, name: string, props: Record<string, unknown>, region = "ap-southeast-2") {
  const req = new pb.AnalyzeRequest();
  req.setType(type);
  req.setUrn(`urn:pulumi:dev::landing-zone::${type}::${name}`);
  req.setName(name);
  req.setProperties(structpb.Struct.fromJavaScript(props));
  req.setOptions(options());
  req.setProvider(provider(region));
  return req;
}

function stackResource(type: string, name: string, props: Record<string, unknown>, region = "ap-southeast-2") {
  const r = new pb.AnalyzerResource();
  r.setType(type);
  r.setUrn(`urn:pulumi:dev::landing-zone::${type}::${name}`);
  r.setName(name);
  r.setProperties(structpb.Struct.fromJavaScript(props));
  r.setOptions(options());
  r.setProvider(provider(region));
  return r;
}

function diagnostics(resp: any): { policy: string; level: number; message: string; urn: string }[] {
  return resp.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage(), urn: d.getUrn() }));
}

describe("the packs under the Pulumi CLI's policy-pack host (no CLI, no cloud)", function () {
  this.timeout(120000);
  const served = new Map<string, Served>();

  before(async () => {
    for (const pack of ["encryption", "residency", "preflight", "baseline"]) served.set(pack, await serve(pack));
  });
  after(async () => {
    for (const s of served.values()) {
      (s.client as unknown as { close(): void }).close();
      if (s.child.exitCode !== null || !s.child.pid) continue;
      const exited = new Promise<void>((resolve) => s.child.once("exit", () => resolve()));
      process.kill(s.child.pid, "SIGTERM");
      const timer = setTimeout(() => s.child.pid && s.child.exitCode === null && process.kill(s.child.pid, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  });

  it("each pack loads from its folder (package.json version, TypeScript, ../lib imports) and describes its policies", async () => {
    for (const [pack, s] of served) {
      const info = await call(s, "getAnalyzerInfo", new emptypb.Empty());
      assert.strictEqual(info.getName(), pack);
      assert.strictEqual(info.getVersion(), "0.1.0");
      assert.ok(info.getPoliciesList().length >= 7);
      const schema = info.getPoliciesList()[0].getConfigschema();
      assert.ok(schema.getProperties().toJavaScript().waivers, "config schemas reach the CLI");
    }
  });

  it("residency: a bucket with region us-east-1 under a Sydney provider is a mandatory finding (stack policy)", async () => {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList([stackResource("aws:s3/bucket:Bucket", "data", { bucket: "data", region: "us-east-1" })]);
    const d = diagnostics(await call(served.get("residency")!, "analyzeStack", req));
    const placement = d.filter((x) => x.policy === "resource-placement");
    assert.strictEqual(placement.length, 1);
    assert.strictEqual(placement[0].level, MANDATORY);
    assert.match(placement[0].message, /data is placed in us-east-1/);
  });

  it("an unknown key ARN at preview passes instead of degrading the policy to advisory", async () => {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList([stackResource("aws:dynamodb/table:Table", "orders", { serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } })]);
    const d = diagnostics(await call(served.get("encryption")!, "analyzeStack", req));
    assert.deepStrictEqual(d.filter((x) => x.policy === "cmk-required"), []);
    assert.ok(!d.some((x) => /can't run/.test(x.message)), "no 'can't run during preview' diagnostics");
  });

  it("resource policies judge the inputs; the datadog provider is matched on its type token", async () => {
    const enc = diagnostics(await call(served.get("encryption")!, "analyze", analyzeRequest("aws:rds/instance:Instance", "db", { instanceClass: "db.t4g.micro", engine: "postgres" })));
    assert.match(enc.find((x) => x.policy === "database-encryption")!.message, /storageEncrypted is not set; set storageEncrypted to true/);
    const dd = new pb.AnalyzeRequest();
    dd.setType("pulumi:providers:datadog");
    dd.setUrn("urn:pulumi:dev::landing-zone::pulumi:providers:datadog::dd");
    dd.setName("dd");
    dd.setProperties(structpb.Struct.fromJavaScript({ apiUrl: "https://api.datadoghq.com/" }));
    dd.setOptions(options());
    const res = diagnostics(await call(served.get("residency")!, "analyze", dd));
    assert.match(res.find((x) => x.policy === "datadog-site")!.message, /outside Australia/);
  });

  it("preflight: a KMS key policy that locks the deploying account out is a mandatory finding naming KMS's lockout check", async () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" }] });
    const req = analyzeRequest("aws:kms/key:Key", "locked", { policy });
    const p = provider("ap-southeast-2");
    p.setProperties(structpb.Struct.fromJavaScript({ region: "ap-southeast-2", allowedAccountIds: JSON.stringify(["111111111111"]) }));
    req.setProvider(p);
    const found = diagnostics(await call(served.get("preflight")!, "analyze", req)).filter((x) => x.policy === "kms-key-policy-lockout");
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].level, MANDATORY);
    assert.match(found[0].message, /locked's policy: no statement allows kms:PutKeyPolicy .* AWS constraint: unless BypassPolicyLockoutSafetyCheck is true/);
  });

  it("--policy-pack-config: waivers and enforcement reach the policies", async () => {
    const s = served.get("baseline")!;
    const cfg = new pb.ConfigureAnalyzerRequest();
    const map = cfg.getPolicyconfigMap();
    const imds = new pb.PolicyConfig();
    imds.setEnforcementlevel(MANDATORY);
    imds.setProperties(structpb.Struct.fromJavaScript({ waivers: [{ resource: "legacy-*", reason: "r", approvedBy: "a", expires: "2999-01-01" }] }));
    map.set("imdsv2-required", imds);
    await call(s, "configure", cfg);
    const legacy = diagnostics(await call(s, "analyze", analyzeRequest("aws:ec2/instance:Instance", "legacy-1", { ami: "ami-1" })));
    assert.deepStrictEqual(legacy.filter((x) => x.policy === "imdsv2-required"), []);
    const fresh = diagnostics(await call(s, "analyze", analyzeRequest("aws:ec2/instance:Instance", "web-1", { ami: "ami-1" })));
    const f = fresh.find((x) => x.policy === "imdsv2-required")!;
    assert.strictEqual(f.level, MANDATORY);
  });
});
