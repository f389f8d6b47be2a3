import { str } from "./values";

/** ARNs: `arn:<partition>:<service>:<region>:<account>:<resource>`. Global services leave region empty. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(v: unknown): Arn | undefined {
  const s = str(v);
  if (!s || !s.startsWith("arn:")) return undefined;
  const parts = s.split(":");
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(":"),
  };
}

/** The region an ARN names; undefined for non-ARNs and region-less ARNs (S3 buckets, IAM). */
export function arnRegion(v: unknown): string | undefined {
  const a = parseArn(v);
  return a && a.region !== "" ? a.region : undefined;
}

/** The bucket name in an S3 ARN (`arn:aws:s3:::name` or `arn:aws:s3:::name/*`), or the value itself. */
export function bucketNameOf(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const a = parseArn(s);
  if (a && a.service === "s3") return a.resource.split("/")[0];
  return s;
}

/** Regions named by AWS hostnames: `x.s3.ap-southeast-2.amazonaws.com`, `...execute-api.<r>.amazonaws.com`. */
export function hostRegion(host: string): string | undefined {
  const h = host.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0].toLowerCase();
  const m = /(?:^|[.-])((?:[a-z]{2}(?:-gov)?)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d)\.(?:[a-z0-9.-]+\.)?amazonaws\.com(?:\.cn)?$/.exec(h) ??
    /\.((?:[a-z]{2}(?:-gov)?)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d)\.elb\.amazonaws\.com$/.exec(h);
  if (m) return m[1];
  return undefined;
}

/** Whether a hostname is an AWS hostname without a region (`bucket.s3.amazonaws.com` is us-east-1's legacy global endpoint). */
export function isAwsHost(host: string): boolean {
  return /\.amazonaws\.com(\.cn)?$/i.test(host.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0]);
}
