/**
 * Input comparison for `lz diff`: every changed path with its old and new value. Lists of objects
 * are matched by a key (a lifecycle rule's `id`, a security-group rule's protocol and ports...), so
 * inserting a rule shows one added rule, not every later rule changed; lists without such a key are
 * compared by index.
 */

/** One changed input path: `before` or `after` is undefined where the path is absent on that side. */
export interface InputChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

type Item = Record<string, unknown>;

/** How the items of a list of objects may be told apart, tried in order; the first that is unique on both sides wins. */
const ITEM_KEYS: readonly { readonly label: (i: Item) => string | undefined }[] = [
  ...["id", "name", "sid", "Sid", "key", "hostname", "ruleNo", "ruleNumber", "priority", "originId"].map((field) => ({
    label: (i: Item) => (typeof i[field] === "string" || typeof i[field] === "number" ? `${field}=${i[field]}` : undefined),
  })),
  // Security-group and NACL rules: what they open is their identity.
  { label: (i: Item) => (i.protocol !== undefined && (i.fromPort !== undefined || i.toPort !== undefined) ? `${i.protocol} ${i.fromPort}-${i.toPort}` : undefined) },
];

function isPlainObject(v: unknown): v is Item {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The key labels of both lists' items under one key, or undefined when no key tells every item apart. */
function keyedItems(a: readonly unknown[], b: readonly unknown[]): [Map<string, unknown>, Map<string, unknown>] | undefined {
  if (!a.every(isPlainObject) || !b.every(isPlainObject) || a.length + b.length < 2) return undefined;
  for (const k of ITEM_KEYS) {
    const la = a.map((i) => k.label(i as Item));
    const lb = b.map((i) => k.label(i as Item));
    if ([...la, ...lb].some((l) => l === undefined)) continue;
    if (new Set(la).size !== la.length || new Set(lb).size !== lb.length) continue;
    return [new Map(la.map((l, i) => [l!, a[i]])), new Map(lb.map((l, i) => [l!, b[i]]))];
  }
  return undefined;
}

/** A provider's structured inputs arrive JSON-encoded (`defaultTags`, `assumeRoles`): compare them decoded. */
function decoded(v: unknown): unknown {
  if (typeof v !== "string" || !/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Every path where `a` and `b` differ, with both values, in a stable order. */
export function diffValues(a: unknown, b: unknown, path = "", out: InputChange[] = []): InputChange[] {
  if (a === b) return out;
  if (typeof a === "string" && typeof b === "string") {
    const [da, db] = [decoded(a), decoded(b)];
    if (typeof da === "object" && da !== null && typeof db === "object" && db !== null) return diffValues(da, db, path, out);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = keyedItems(a, b);
    if (keyed) {
      const [ka, kb] = keyed;
      for (const label of [...new Set([...ka.keys(), ...kb.keys()])]) diffValues(ka.get(label), kb.get(label), `${path}[${label}]`, out);
      return out;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffValues(a[k], b[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  if (Number.isNaN(a) && Number.isNaN(b)) return out;
  out.push({ path: path || "(inputs)", ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
  return out;
}

/** A value for one line of a diff: JSON, cut short; `(none)` where absent. */
export function showValue(v: unknown, max = 80): string {
  if (v === undefined) return "(none)";
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The last segment of a path: `rules[id=expire].expiration.days` → `days`. */
function leaf(path: string): string {
  return path.split(".").pop()!.replace(/\[.*$/, "");
}

/**
 * What a change deletes, in one sentence, or undefined: a shorter retention (lifecycle expiration,
 * log retention, backup deletion), an expiration where there was none, `forceDestroy` switched on.
 */
export function dataLoss(type: string, c: InputChange): string | undefined {
  if (type.startsWith("landing-zone:")) return undefined; // a component's inputs; its children say what is deleted
  const name = leaf(c.path);
  const { before, after } = c;
  if (name === "forceDestroy" && after === true && before !== true) return `\`${c.path}\` switched on: deleting the bucket would delete its objects too`;
  if (before === undefined && isPlainObject(after)) {
    const e = name === "expiration" ? after : after.expiration;
    return isPlainObject(e) && typeof e.days === "number" ? `\`${c.path}\` added: objects are deleted after ${e.days} days` : undefined;
  }
  if (typeof after !== "number") return undefined;
  // A log group's 0 (or no value) keeps logs for ever; any number then deletes older ones.
  if (name === "retentionInDays") {
    const was = typeof before === "number" && before > 0 ? before : Infinity;
    if (after > 0 && after < was) return `\`${c.path}\` ${was === Infinity ? "was never-expire" : `shortened from ${was}`} to ${after} days: older log events are deleted`;
    return undefined;
  }
  const retention = /expiration|noncurrentversion|lifecycle|retention|deleteafter/i.test(c.path) && /^(days|noncurrentDays|deleteAfter|retentionDays|retentionPeriod|backupRetentionPeriod|retentionPeriodHours)$/.test(name);
  if (!retention) return undefined;
  if (typeof before === "number" && after < before) return `\`${c.path}\` shortened from ${before} to ${after}: data older than the new retention is deleted`;
  return undefined;
}

