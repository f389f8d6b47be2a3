import { REPLACE_ON } from "../../lib/replaceOn";

export { REPLACE_ON };

/** True when `path` (`a.b[0].c`) is `key` or lies below it. */
function under(path: string, key: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/** The changed input paths (and a region move) that force `type` to be replaced. */
export function replacementReasons(type: string, changedPaths: readonly string[], regionMoved: boolean): string[] {
  const keys = REPLACE_ON[type] ?? [];
  const out = changedPaths.filter((p) => keys.some((k) => under(p, k)));
  if (regionMoved && type.startsWith("aws:")) out.push("region");
  return out;
}
