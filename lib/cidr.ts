/**
 * CIDR maths on the `ip-address` library (parsing, containment, overlap, subnetting), behind the
 * small API config, components and the cli share. No Pulumi here.
 *
 * Blocks are IPv4 today: `Cidr.base` is the network address as a number, which the subnet carving
 * and the reachability model add to. The library parses and compares IPv6 the same way, so IPv6
 * support means a second family in `Cidr`, not new maths.
 */
import { Address4, Address6 } from "ip-address";

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly base: number;
  /** The prefix length, 0 to 32. */
  readonly prefix: number;
}

const BITS = 32;

function address(ip: string): Address4 {
  if (!Address4.isValid(ip) || ip.includes("/")) throw new Error(`"${ip}" is not an IPv4 address; write it like 10.20.0.5`);
  return new Address4(ip);
}

/** Parsed blocks, by base and prefix: the reachability model asks about the same few blocks often. */
const parsed = new Map<number, Address4>();

function toAddress(c: Cidr): Address4 {
  const key = c.base * 64 + c.prefix;
  let a = parsed.get(key);
  if (!a) {
    if (parsed.size >= 10_000) parsed.clear();
    a = new Address4(`${intToIp(c.base)}/${c.prefix}`);
    parsed.set(key, a);
  }
  return a;
}

function fromAddress(a: Address4): Cidr {
  return { base: Number(a.startAddress().bigInt()), prefix: a.subnetMask };
}

export function ipToInt(ip: string): number {
  return Number(address(ip).bigInt());
}

export function intToIp(n: number): string {
  return Address4.fromBigInt(BigInt(n)).correctForm();
}

export function size(c: Cidr): number {
  return 2 ** (BITS - c.prefix);
}

/** Parses `10.0.0.0/16`. Returns an error message (with the fix) instead of throwing. */
export function parseCidr(text: string): Cidr | string {
  const wrong = `"${text}" is not an IPv4 CIDR block; write it like 10.20.0.0/16`;
  if (!text.includes("/")) return wrong;
  if (Address6.isValid(text) && !Address4.isValid(text)) return `"${text}" is an IPv6 block; only IPv4 CIDR blocks are supported yet; write it like 10.20.0.0/16`;
  if (!Address4.isValid(text)) return wrong;
  const a = new Address4(text);
  // The library accepts `/08` and stray spaces are refused by it already; keep the one written form.
  if (`${a.correctForm()}/${a.subnetMask}` !== text) return wrong;
  const network = a.startAddress().correctForm();
  if (network !== a.correctForm()) return `"${text}" has host bits set; did you mean ${network}/${a.subnetMask}?`;
  return fromAddress(a);
}

export function mustParseCidr(text: string): Cidr {
  const c = parseCidr(text);
  if (typeof c === "string") throw new Error(c);
  return c;
}

export function formatCidr(c: Cidr): string {
  return toAddress(c).networkForm();
}

/** CIDR blocks are nested or disjoint, so two overlap exactly when one contains the other. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const x = toAddress(a);
  const y = toAddress(b);
  return x.isInSubnet(y) || y.isInSubnet(x);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return toAddress(inner).isInSubnet(toAddress(outer));
}

/** True when `ip` (dotted quad) lies inside `c`. */
export function containsIp(c: Cidr, ip: string): boolean {
  return address(ip).isInSubnet(toAddress(c));
}

/**
 * Subnetting: the `/prefix` block that starts right after `block` ends (the next free block when
 * blocks are allocated largest first). Throws when that address does not start a `/prefix` block,
 * or past the end of the address space.
 */
export function blockAfter(block: Cidr, prefix: number): Cidr {
  const next = toAddress(block).endAddress().offset(1).correctForm();
  const a = new Address4(`${next}/${prefix}`);
  if (a.startAddress().correctForm() !== next) throw new Error(`${next} does not start a /${prefix} block (after ${formatCidr(block)})`);
  return fromAddress(a);
}

/** The `index`-th `/prefix` subnet of `parent` (0 is the first), or undefined when it lies outside. */
export function subnetAt(parent: Cidr, prefix: number, index: number): Cidr | undefined {
  if (!Number.isInteger(prefix) || prefix < parent.prefix || prefix > BITS || !Number.isInteger(index) || index < 0) return undefined;
  try {
    const a = new Address4(`${intToIp(parent.base)}/${prefix}`).offset(BigInt(index) * 2n ** BigInt(BITS - prefix));
    return a.isInSubnet(toAddress(parent)) ? fromAddress(a) : undefined;
  } catch {
    return undefined;
  }
}
