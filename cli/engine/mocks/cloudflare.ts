import { registerInvokes } from "../invokes";
import { registerMockState } from "../mockState";
import { hex, uuid } from "../fakeIds";

/**
 * Mock state for the Cloudflare resources the Zero Trust component makes, and offline answers for the
 * data sources it calls. Ids have Cloudflare's shapes: tunnels, Access apps, policies and tokens are
 * UUIDs, DNS records and zones 32-character hex, Access audience tags 64-character hex.
 */

function plain(v: unknown): unknown {
  return v && typeof v === "object" && "4dabf18193072939515e22adb298388d" in v && "value" in v ? (v as { value: unknown }).value : v;
}

const CREATED = "2025-01-01T00:00:00Z";

/** A value the provider returns as a secret (its `additionalSecretOutputs`, which mocks do not apply). */
function secretValue(value: unknown) {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

registerMockState({
  "cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared": (c, seed) => {
    const id = uuid(seed);
    return { id, state: { accountTag: plain(c.inputs.accountId), status: "inactive", tunType: "cfd_tunnel", remoteConfig: plain(c.inputs.configSrc) === "cloudflare", createdAt: CREATED, connections: [] } };
  },
  "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig": (c) => ({ id: String(plain(c.inputs.tunnelId)), state: { version: 1, createdAt: CREATED } }),
  "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider": (_c, seed) => ({ id: uuid(seed) }),
  "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication": (_c, seed) => ({ id: uuid(seed), state: { aud: hex(`${seed}:aud`, 64), createdAt: CREATED } }),
  "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy": (_c, seed) => ({ id: uuid(seed), state: { createdAt: CREATED } }),
  "cloudflare:index/zeroTrustAccessServiceToken:ZeroTrustAccessServiceToken": (_c, seed) => ({
    id: uuid(seed),
    state: { clientId: `${hex(`${seed}:client`, 32)}.access`, clientSecret: secretValue(hex(`${seed}:secret`, 64)), expiresAt: "2026-01-01T00:00:00Z" },
  }),
  "cloudflare:index/dnsRecord:DnsRecord": (_c, seed) => ({ id: hex(seed, 32), state: { proxiable: true, createdOn: CREATED, modifiedOn: CREATED } }),
  "cloudflare:index/zoneSetting:ZoneSetting": (c) => ({ id: String(plain(c.inputs.settingId)), state: { editable: true, modifiedOn: CREATED } }),
  "cloudflare:index/regionalHostname:RegionalHostname": (c) => ({ id: String(plain(c.inputs.hostname)), state: { createdOn: CREATED, routing: "dns" } }),
  "cloudflare:index/customHostname:CustomHostname": (c, seed) => ({
    id: uuid(seed),
    state: { status: "pending", ownershipVerification: { name: `_cf-custom-hostname.${plain(c.inputs.hostname)}`, type: "txt", value: uuid(`${seed}:ownership`) } },
  }),
});

registerInvokes({
  // The token is base64 JSON of the account tag, tunnel id and secret; offline the secret is a stand-in.
  "cloudflare:index/getZeroTrustTunnelCloudflaredToken:getZeroTrustTunnelCloudflaredToken": (i) => ({
    accountId: i.accountId,
    tunnelId: i.tunnelId,
    token: Buffer.from(JSON.stringify({ a: i.accountId, t: i.tunnelId, s: "b2ZmbGluZS10dW5uZWwtc2VjcmV0LW5vdC1yZWFsLTAwMDA=" })).toString("base64"),
  }),
});
