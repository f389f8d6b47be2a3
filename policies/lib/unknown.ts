/**
 * Values that are not known yet. At `pulumi preview` the CLI hands a policy the resource's inputs with
 * sentinel strings where a value depends on a resource not yet created, wrapped in a proxy that
 * throws on reading one (so the policy is downgraded to advisory). Policies here read the raw values
 * instead and decide per property: an unknown key ARN means a key is being attached (pass), an
 * unknown on/off flag or region cannot be trusted (fail closed).
 */

/** The sentinels of @pulumi/policy's deserializer (proxy.ts), and the engine's own unknown string. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the SDK's rpc `unknownValue`)
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
  "[unknown]", // how `lz plan` writes an unknown into its JSON
]);

/** The value tests (and the offline runner) use for "not known until deployment". */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every sentinel is 36 characters long (a UUID) or 9 ("[unknown]"): other strings need no hash lookup. */
const BY_LENGTH = [...UNKNOWN_SENTINELS].every((s) => s.length === 36 || s.length === 9);

export function isUnknown(v: unknown): boolean {
  return typeof v === "string" && (!BY_LENGTH || v.length === 36 || v.length === 9) && UNKNOWN_SENTINELS.has(v);
}

const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The plain object behind @pulumi/policy's unknown-checking proxy (or the value itself when it is not
 * proxied). The proxy wraps lazily, so the target's nested values are plain too.
 */
export function raw<T = Record<string, unknown>>(v: unknown): T {
  if (v !== null && typeof v === "object") {
    const target = (v as Record<string, unknown>)[PROXY_TARGET];
    if (target !== undefined && target !== true) return target as T;
  }
  return v as T;
}

/**
 * How `lz plan` and `lz check` show a Pulumi secret they cannot read (the Pulumi CLI hands policies
 * the plaintext instead). A secret is set, but its contents cannot be judged.
 */
export const SECRET_SHOWN = "[secret]";

export function isSecretShown(v: unknown): boolean {
  return v === SECRET_SHOWN;
}
