import { z } from "zod";
import { cidr, privateAsn } from "./common";
import { defineRole } from "./role";

/** `landing-zone:transitGateway`: the hub. */
export const transitGatewaySchema = z.strictObject({
  /** The Amazon-side ASN; a private ASN. */
  asn: privateAsn,
});

/** `landing-zone:egress`: the central egress VPC. */
export const egressSchema = z.strictObject({
  /** The egress VPC's CIDR; must not overlap any other stack's. */
  cidr,
});

export const networkRole = defineRole({
  role: "network",
  shape: {
    transitGateway: transitGatewaySchema,
    egress: egressSchema,
  },
  requiredSecrets: [],
  refs: { management: "management", logArchive: "log-archive" },
  cidrs: (cfg) => [{ path: "egress.cidr", cidr: cfg.egress.cidr }],
});
