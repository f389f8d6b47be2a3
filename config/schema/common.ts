import { z } from "zod";
import { parseCidr } from "../../lib/cidr";

/** The AWS regions whose data stays in Australia. */
export const AU_REGIONS = ["ap-southeast-2", "ap-southeast-4"] as const;
export type AuRegion = (typeof AU_REGIONS)[number];

/** An `azs` list: AZ IDs (apse2-az1), 2 or 3; the region and the kind are checked with the account (lib/network/zones.ts). */
export const azList = z
  .array(z.string({ message: "must be an AZ ID such as apse2-az1" }))
  .min(2, { message: "needs at least 2 availability zones" })
  .max(3, { message: "takes at most 3 availability zones" });

/**
 * `formerAzNames`: only for a stack first deployed with AZ names. The name each AZ ID had in this
 * account, so that its subnets keep their URNs (through aliases) and are not replaced.
 */
export const formerAzNames = z.record(z.string(), z.string()).optional();

export const accountId = z
  .string({ message: 'must be a 12-digit AWS account id in quotes, e.g. "111122223333"' })
  .regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id in quotes, e.g. "111122223333"' });

export const email = z.email({ message: "must be a valid email address, e.g. aws+dev@example.com" });

export const region = z.enum(AU_REGIONS, {
  message: `must be an Australian region: ${AU_REGIONS.join(" or ")}`,
});

export const cidr = z.string().superRefine((v, ctx) => {
  const c = parseCidr(v);
  if (typeof c === "string") ctx.addIssue({ code: "custom", message: c });
});

/** Private ASNs: 64512–65534 (16-bit) and 4200000000–4294967294 (32-bit), as RFC 6996 reserves. */
export const privateAsn = z
  .number({ message: "must be a number in a private ASN range: 64512–65534 or 4200000000–4294967294" })
  .int()
  .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
    message: "is not a private ASN; use 64512–65534 or 4200000000–4294967294",
  });

/** Lower-case names used in resource names and URNs. */
export const slugName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, { message: "must be lower-case letters, digits and hyphens, starting with a letter" });

/** IAM role names (without path). */
export const roleName = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, { message: "must be an IAM role name: 1–64 of letters, digits and +=,.@_-" });

export const tags = z.record(z.string().regex(/^[\w .:/=+@-]{1,128}$/, { message: "tag keys are 1–128 of letters, digits, spaces and _.:/=+-@" }), z.string().max(256));

/** Calls `repeat` for each item whose key an earlier item already had, with both indexes. */
export function forEachRepeat<T>(items: readonly T[], key: (t: T) => string, repeat: (i: number, first: number, k: string) => void): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) repeat(i, first, k);
    else seen.set(k, i);
  });
}

/** Reports every value that appears more than once in `items` (by `key`), naming each repeat. */
export function uniqueBy<T>(key: (t: T) => string, what: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) =>
    forEachRepeat(items, key, (i, first, k) => ctx.addIssue({ code: "custom", path: [i], message: `duplicate ${what} "${k}" (first used at [${first}]); ${what}s must be unique` }));
}

/** A list of Australian regions, each once; default both. */
export const auRegionList = z
  .array(region)
  .min(1)
  .superRefine(uniqueBy((r) => r, "region"))
  .default([...AU_REGIONS]);
