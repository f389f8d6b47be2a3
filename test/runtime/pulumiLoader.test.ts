import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../config/raw";

describe("the real `pulumi up` path", () => {
  it("Pulumi.yaml validates against Pulumi's project schema", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv2020 = require("ajv/dist/2020").default;
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "..", "shared", "schemas", "pulumi-project.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8"));
    assert.ok(validate(project), JSON.stringify(validate.errors));
    assert.equal(project.name, "landing-zone");
    assert.equal(project.runtime.name, "nodejs");
    assert.equal(project.runtime.options.typescript, true);
    assert.match(project.main, /^stacks\/?/);
    assert.deepEqual(project.config["pulumi:disable-default-providers"].value, ["aws", "cloudflare", "datadog"]);
  });

  it("follows the CLI's rules the schema does not check", () => {
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8"));
    for (const [key, decl] of Object.entries<any>(project.config)) {
      if (!key.startsWith("landing-zone:")) assert.deepEqual(Object.keys(decl), ["value"], `${key}: a foreign key takes only value`);
      assert.ok(!("default" in decl && "value" in decl), `${key} has both default and value`);
    }
    const stacks = fs.readdirSync(PROJECT_ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
    for (const f of stacks) {
      const doc = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8"));
      assert.ok(doc.config["landing-zone:role"], `${f} sets landing-zone:role, which the project declares without a default`);
    }
  });

  it("loads stacks/index.ts through the CLI's own TypeScript loader and options", () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, "loadLikePulumi.js")], { encoding: "utf8" });
    const result = JSON.parse(out.trim().split("\n").pop()!);
    assert.equal(result.exportType, "function", "the program is exported as a function the runtime calls");
    assert.equal(result.transpileOnly, true);
    assert.match(result.typescript, /^6\./);
  });
});
