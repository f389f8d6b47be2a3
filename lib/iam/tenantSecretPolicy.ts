import { networkPerimeterStatement, NetworkPerimeter, SECRETS_DATA_ACTIONS } from "./tenantPerimeter";
import { policyDocument, PolicyDocument } from "./tenantPolicyDocument";

/**
 * The settings secret's resource policy, with the network perimeter on: its value is read or
 * changed only through the VPC's Secrets Manager endpoint (or by break-glass). Who may read it at
 * all is the tenant role's own policy; the key policy stops everyone else decrypting it.
 */
export function tenantSecretPolicy(a: { readonly perimeter: NetworkPerimeter }): PolicyDocument {
  return policyDocument([networkPerimeterStatement("DenyOutsideNetworkPerimeter", SECRETS_DATA_ACTIONS, "*", a.perimeter)]);
}
