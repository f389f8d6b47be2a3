import * as pulumi from "@pulumi/pulumi";
import { OrganizationAccessAnalyzer } from "../components/security/accessAnalyzer";
import { ConfigOrganizationAggregator } from "../components/security/configAggregator";
import { GuardDutyOrganization } from "../components/security/guardDuty";
import { SecurityHubOrganization } from "../components/security/securityHub";
import { SecurityConfig } from "../config";
import { accountBaseline } from "./baseline";
import { StackContext } from "./context";

/**
 * The security role: the organisation's security services, run from this account as their
 * delegated administrator (registered by the management stack), in the Australian regions only.
 */
export async function security(ctx: StackContext<SecurityConfig>): Promise<Record<string, unknown>> {
  const { cfg } = ctx;
  const opts = { provider: ctx.aws };
  const s = cfg.security;
  const home = cfg.account.region;

  const management = ctx.ref("management");
  const guardDuty = new GuardDutyOrganization("guardduty", { regions: s.regions, features: s.guardDuty.features }, opts);
  const securityHub = new SecurityHubOrganization(
    "securityhub",
    {
      regions: s.regions,
      homeRegion: home,
      cisVersion: s.securityHub.cisVersion,
      rootId: management.requireOutput("rootId") as pulumi.Output<string>,
      managementAccountId: management.requireOutput("managementAccountId") as pulumi.Output<string>,
    },
    opts,
  );
  const aggregator = new ConfigOrganizationAggregator("config-aggregator", { aggregatorName: s.configAggregatorName, accountId: cfg.account.id, homeRegion: home, regions: s.regions }, opts);
  const analyzer = new OrganizationAccessAnalyzer("access-analyzer", { analyzerName: s.accessAnalyzerName, regions: s.regions }, opts);
  accountBaseline(ctx);

  return {
    accountId: cfg.account.id,
    region: home,
    guardDutyDetectorIds: guardDuty.detectorIds,
    securityHubFindingAggregatorArn: securityHub.findingAggregatorArn,
    configAggregatorArn: aggregator.aggregatorArn,
    accessAnalyzerArns: analyzer.analyzerArns,
  };
}
