import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { KEY_SITES } from "../../policies/encryption/cmkTable";
import { DATA_PATHS } from "../../policies/residency/dataPaths";

/**
 * The property paths the key-site table and the data-path table read, checked against the
 * @pulumi/aws typings: each path's first property is an input of its type's Args (nested blocks are
 * checked against the SDK's input types where the path names one).
 */

const AWS = path.dirname(require.resolve("@pulumi/aws/package.json"));
const INPUT_TYPES = fs.readFileSync(path.join(AWS, "types/input.d.ts"), "utf8");

function argsProps(token: string): Set<string> {
  const m = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
  assert.ok(m, `${token} is not an aws type token`);
  const dir = path.join(AWS, m[1]);
  const want = new Set([`${m[2]}.d.ts`, `${m[2]}_.d.ts`].map((f) => f.toLowerCase()));
  // `kendra/index.d.ts` is the module's barrel; the resource is in `index_.d.ts`.
  const texts = fs.readdirSync(dir).filter((f) => want.has(f.toLowerCase())).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  const text = texts.find((t) => t.includes(`export interface ${m[3]}Args {`));
  assert.ok(text, `${token}: no ${m[3]}Args`);
  const start = text.indexOf(`export interface ${m[3]}Args {`);
  const body = text.slice(start, text.indexOf("\n}", start));
  return new Set([...body.matchAll(/^ {4}([a-zA-Z0-9]+)\??:/gm)].map((x) => x[1]));
}

/** Where each module's nested input types start, found in one pass (the file is large). */
const starts = new Map<string, number>();
{
  let ns = "";
  for (const m of INPUT_TYPES.matchAll(/^export declare namespace ([a-z0-9]+) \{|^ {4}interface ([A-Za-z0-9]+) \{/gm)) {
    if (m[1]) ns = m[1];
    else starts.set(`${ns}.${m[2]}`, m.index);
  }
}

/** The module whose types `check` is reading. */
let moduleName = "";

/** The text of a nested input type of the current module, e.g. `FirehoseDeliveryStreamExtendedS3Configuration`. */
function nestedBody(name: string): string | undefined {
  const start = starts.get(`${moduleName}.${name}`);
  return start === undefined ? undefined : INPUT_TYPES.slice(start, INPUT_TYPES.indexOf("\n    }", start));
}

function nestedProps(name: string): Set<string> | undefined {
  const body = nestedBody(name);
  return body === undefined ? undefined : new Set([...body.matchAll(/^ {8}([a-zA-Z0-9]+)\??:/gm)].map((x) => x[1]));
}

/** Whether `prop` of input type `parent` is a string map (`{ [key: string]: ... }`): its keys are free. */
function isMap(parent: string, prop: string): boolean {
  return new RegExp(`^ {8}${prop}\\??: pulumi\\.Input<\\{\\s*\\[key: string\\]`, "m").test(nestedBody(parent) ?? "");
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The SDK names a block after its property, singular for lists: `blockDeviceMappings` -> `...BlockDeviceMapping`. */
function blockType(prefix: string, prop: string): string | undefined {
  const name = `${prefix}${cap(prop)}`;
  return [name, name.replace(/ies$/, "y"), name.replace(/s$/, "")].find((n) => nestedBody(n) !== undefined);
}

/** Checks `path` on `token`: the first segment always, later ones through the SDK's input types. */
function check(token: string, p: string): void {
  moduleName = token.split(":")[1].split("/")[0];
  const segments = p.split(".").map((s) => s.replace(/\[\]$/, ""));
  assert.ok(argsProps(token).has(segments[0]), `${token}: no input ${segments[0]} (path ${p})`);
  let typeName = blockType(token.split(":")[2], segments[0]);
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    assert.ok(typeName, `${token}: no input type for the block before ${seg} (path ${p})`);
    assert.ok(nestedProps(typeName)!.has(seg), `${token}: ${typeName} has no ${seg} (path ${p})`);
    const next = blockType(typeName, seg);
    if (!next && i < segments.length - 1 && isMap(typeName, seg)) return;
    typeName = next;
  }
}

describe("the key-site and data-path tables against the @pulumi/aws typings", () => {
  it("every key site's paths are inputs of its type", () => {
    for (const s of KEY_SITES) for (const k of s.keys) check(s.type, k);
  });
  it("every data path is an input of its type", () => {
    for (const d of DATA_PATHS) check(d.type, d.path);
  });
});
