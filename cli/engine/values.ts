import { SECRET_MARKER } from "../../lib/plan";

/** Signatures the SDK uses in serialized property values. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isSecretValue(v: unknown): v is { value: unknown } {
  return !!v && typeof v === "object" && (v as any)[SIG_KEY] === SECRET_SIG;
}

/**
 * Turns a deserialized property value into plain JSON for the plan: secrets become "[secret]",
 * resource references their URN, unknowns "[unknown]", assets and archives "[asset]".
 */
export function toPlain(v: unknown, revealSecrets = false): unknown {
  if (v === UNKNOWN) return "[unknown]";
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => toPlain(x, revealSecrets));
  const sig = (v as any)[SIG_KEY];
  if (sig === SECRET_SIG) return revealSecrets ? toPlain((v as any).value, true) : SECRET_MARKER;
  if (sig === RESOURCE_SIG) return (v as any).urn;
  if (sig !== undefined) return "[asset]";
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x !== undefined) out[k] = toPlain(x, revealSecrets);
  }
  return out;
}

/** Top-level property names whose value is (or contains) a secret. */
export function secretPaths(v: Record<string, unknown>): string[] {
  return Object.entries(v)
    .filter(([, x]) => containsSecret(x))
    .map(([k]) => k)
    .sort();
}

function containsSecret(v: unknown): boolean {
  if (isSecretValue(v)) return true;
  if (v && typeof v === "object") return Object.values(v).some(containsSecret);
  return false;
}

/** A string input, whether or not it arrived as a secret. */
export function stringOf(v: unknown): string | undefined {
  const x = isSecretValue(v) ? v.value : v;
  return typeof x === "string" ? x : undefined;
}
