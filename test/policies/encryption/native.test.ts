import * as assert from "assert";
import { nativeEncryption } from "../../../policies/encryption/native";
import { messages, policyCases, StackFixture } from "../helpers";

const KEY = "arn:aws:kms:ap-southeast-2:555555555555:key/1111-2222";

/** Cloud Control resources under an aws-native provider (the fixture's provider for the package). */
function nativeProvider(s: StackFixture): void {
  s.provider("pulumi:providers:aws-native", "native", { region: "ap-southeast-2" });
}

describe("encryption: aws-native (Cloud Control) resources that hold data", () => {
  policyCases(nativeEncryption, "aws-native:rds:DbInstance", { engine: "postgres", storageEncrypted: true }, [
    { title: "unencrypted storage fails", change: { storageEncrypted: false }, expect: /^storageEncrypted is false; set storageEncrypted to true \(RDS defaults to unencrypted\)/ },
    { title: "an omitted flag fails", change: { storageEncrypted: undefined }, expect: /storageEncrypted is not set/ },
    { title: "a read replica inherits its source", change: { storageEncrypted: undefined, sourceDbInstanceIdentifier: "src" } },
  ], nativeProvider);
  policyCases(nativeEncryption, "aws-native:rds:DBInstance", { engine: "mysql", storageEncrypted: true }, [
    { title: "the 0.x spelling is judged too", change: { storageEncrypted: false }, expect: /storageEncrypted is false/ },
  ], nativeProvider);
  policyCases(nativeEncryption, "aws-native:s3:Bucket", { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } }] } }, [
    { title: "no rule passes (SSE-S3 by default)", change: { bucketEncryption: undefined } },
    { title: "a bogus algorithm fails", change: { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "none" } }] } }, expect: /serverSideEncryptionConfiguration\[0\]\.serverSideEncryptionByDefault\.sseAlgorithm is "none"/ },
  ], nativeProvider);
  policyCases(nativeEncryption, "aws-native:dynamodb:Table", { sseSpecification: { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: KEY } }, [
    { title: "an AWS-owned key fails", change: { sseSpecification: undefined }, expect: /the table uses an AWS-owned key/ },
    { title: "the AWS-managed key fails", change: { sseSpecification: { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: "alias/aws/dynamodb" } }, expect: /is the AWS-managed key "alias\/aws\/dynamodb"/ },
  ], nativeProvider);
  policyCases(nativeEncryption, "aws-native:efs:FileSystem", { encrypted: true }, [{ title: "unencrypted fails", change: { encrypted: undefined }, expect: /encrypted is not set; set encrypted to true \(EFS defaults to unencrypted\)/ }], nativeProvider);
  policyCases(nativeEncryption, "aws-native:sqs:Queue", {}, [
    { title: "SSE-SQS off with no key fails", change: { sqsManagedSseEnabled: false }, expect: /sqsManagedSseEnabled is false and kmsMasterKeyId is not set/ },
    { title: "a key passes", change: { sqsManagedSseEnabled: false, kmsMasterKeyId: KEY } },
  ], nativeProvider);
  policyCases(nativeEncryption, "aws-native:sns:Topic", { kmsMasterKeyId: KEY }, [{ title: "no key fails", change: { kmsMasterKeyId: undefined }, expect: /kmsMasterKeyId is not set/ }], nativeProvider);
  policyCases(nativeEncryption, "aws-native:kinesis:Stream", { streamEncryption: { encryptionType: "KMS", keyId: KEY } }, [{ title: "no encryption fails", change: { streamEncryption: undefined }, expect: /streamEncryption\.encryptionType is not set/ }], nativeProvider);
  policyCases(nativeEncryption, "aws-native:kms:Key", { enableKeyRotation: true }, [
    { title: "no rotation fails", change: { enableKeyRotation: false }, expect: /enableKeyRotation is false/ },
    { title: "an external key store key cannot rotate", change: { enableKeyRotation: undefined, origin: "EXTERNAL_KEY_STORE" } },
    { title: "an asymmetric key cannot rotate", change: { enableKeyRotation: undefined, keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" } },
  ], nativeProvider);

  it("types without data are not judged", () => {
    const s = new StackFixture();
    nativeProvider(s);
    s.push("aws-native:iam:Role", "role", {});
    s.push("aws-native:ec2:Vpc", "vpc", {});
    assert.deepStrictEqual(messages(nativeEncryption, s.resources), []);
  });
});
