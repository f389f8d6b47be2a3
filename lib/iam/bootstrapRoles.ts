import { PolicyDocument, policyDocument } from "./policyDocument";

/**
 * The roles that must exist before the first `pulumi up` (nothing can create the role it deploys
 * with), as documents `lz bootstrap` prints and tests evaluate. The chain is: GitHub Actions (OIDC)
 * -> LandingZoneGitHubDeploy in the management account -> LandingZoneDeployment in the stack's
 * account. Member deployment roles trust the management account (Organizations creates them so for
 * the accounts it vends), never a role inside the member.
 */

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** Trust of the GitHub deploy role: this repository's deploy environments only, over OIDC. */
export function githubDeployTrustPolicy(managementAccountId: string, repository: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "GitHubDeployEnvironments",
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::${managementAccountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: `repo:${repository}:environment:deploy-*` } },
    },
  ]);
}

/** What the GitHub deploy role may do: assume the deployment role of any account of the organisation, nothing else. */
export function githubDeployPermissions(deploymentRoleName: string, organizationId: string): PolicyDocument {
  return policyDocument([
    { Sid: "AssumeDeploymentRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::*:role/${deploymentRoleName}`, Condition: { StringEquals: { "aws:ResourceOrgID": organizationId } } },
  ]);
}

/** Trust of the management account's own deployment role: the GitHub deploy role of the same account. */
export function managementDeploymentTrustPolicy(managementAccountId: string, githubRoleName: string): PolicyDocument {
  return policyDocument([{ Sid: "GitHubDeployRole", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${managementAccountId}:role/${githubRoleName}` }, Action: "sts:AssumeRole" }]);
}

/** Trust of a member account's deployment role: the management account (as Organizations sets it for the accounts it creates). */
export function memberDeploymentTrustPolicy(managementAccountId: string): PolicyDocument {
  return policyDocument([{ Sid: "ManagementAccount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: "sts:AssumeRole" }]);
}
