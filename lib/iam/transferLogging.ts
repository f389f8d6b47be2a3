import { accountRoot, PolicyDocument, policyDocument } from "./policyDocument";
import { keyAdministrationStatement } from "./keyAdministration";

/**
 * The SFTP server's logging: its structured logs go to a CloudWatch log group encrypted with a key
 * of its own. CloudWatch Logs may use the key for that log group only; the server writes through a
 * logging role that AWS Transfer Family assumes for this account's servers only.
 */

export function transferLogKeyPolicy(a: { readonly accountId: string; readonly region: string; readonly logGroupName: string }): PolicyDocument {
  return policyDocument([
    keyAdministrationStatement(a.accountId),
    {
      Sid: "LogsEncryptTheSftpLogGroup",
      Effect: "Allow",
      Principal: { Service: `logs.${a.region}.amazonaws.com` },
      Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${a.region}:${a.accountId}:log-group:${a.logGroupName}` } },
    },
    {
      // Reading the logs back (the log group decrypts for whoever may read it) stays with the account's IAM.
      Sid: "AccountReadsTheLogsThroughLogs",
      Effect: "Allow",
      Principal: { AWS: accountRoot(a.accountId) },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `logs.${a.region}.amazonaws.com` } },
    },
  ]);
}

export function transferLoggingTrustPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "TransferFamilyOfThisAccount",
      Effect: "Allow",
      Principal: { Service: "transfer.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

export function transferLoggingPolicy(logGroupArn: string): PolicyDocument {
  return policyDocument([
    { Sid: "WriteTheServerLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [logGroupArn, `${logGroupArn}:*`] },
  ]);
}
