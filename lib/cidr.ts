/** Pure IPv4 CIDR maths. No Pulumi here: config, components and the cli share it. */

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly base: number;
  /** The prefix length, 0 to 32. */
  readonly prefix: number;
}

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const CIDR_RE = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}/(3[0-2]|[12]?\\d)$`);

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** Parses `10.0.0.0/16`. Returns an error message (with the fix) instead of throwing. */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_RE.exec(text.trim());
  if (!m || text.trim() !== text) return `"${text}" is not an IPv4 CIDR block; write it like 10.20.0.0/16`;
  const [ip, p] = text.split("/");
  const prefix = Number(p);
  const addr = ipToInt(ip);
  const blockSize = 2 ** (32 - prefix);
  const base = addr - (addr % blockSize);
  if (base !== addr) return `"${text}" has host bits set; did you mean ${intToIp(base)}/${prefix}?`;
  return { base, prefix };
}

export function mustParseCidr(text: string): Cidr {
  const c = parseCidr(text);
  if (typeof c === "string") throw new Error(c);
  return c;
}

export function formatCidr(c: Cidr): string {
  return `${intToIp(c.base)}/${c.prefix}`;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

/** True when `ip` (dotted quad) lies inside `c`. */
export function containsIp(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n >= c.base && n < c.base + size(c);
}
