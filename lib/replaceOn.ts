/**
 * Inputs whose change makes the AWS provider replace a resource (delete it and create it again)
 * rather than update it in place: the provider's `ForceNew` / `replaceOnChanges` arguments, for the
 * types the landing zone builds where a replacement loses something (data, an account, a key, an
 * address plan) or takes something down (a route table, a security group, an endpoint, an
 * attachment). A table, not the provider schema: add a row when a new such type appears.
 *
 * Two readers: `lz diff` (which changes are replacements) and the offline engine, which folds these
 * inputs into a resource's fake id, so that a replaced resource gets a new id, as in AWS, and
 * whatever references it shows the change too.
 *
 * A change of the effective `region` replaces every AWS resource (the resource moves); `lz diff`
 * checks it separately.
 */
export const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
  "aws:organizations/account:Account": ["email", "iamUserAccessToBilling", "roleName", "createGovcloud"],
  "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
  "aws:kms/replicaKey:ReplicaKey": ["primaryKeyArn"],
  "aws:kms/alias:Alias": ["name", "namePrefix"],
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:dynamodb/table:Table": ["name", "hashKey", "rangeKey"],
  "aws:rds/instance:Instance": ["identifier", "identifierPrefix", "engine", "storageEncrypted", "kmsKeyId", "dbName", "characterSetName", "availabilityZone"],
  "aws:rds/cluster:Cluster": ["clusterIdentifier", "clusterIdentifierPrefix", "engine", "storageEncrypted", "kmsKeyId", "databaseName"],
  "aws:efs/fileSystem:FileSystem": ["creationToken", "encrypted", "kmsKeyId", "performanceMode"],
  "aws:ebs/volume:Volume": ["availabilityZone", "encrypted", "kmsKeyId", "snapshotId"],
  "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix"],
  "aws:cloudtrail/trail:Trail": ["name"],
  "aws:backup/vault:Vault": ["name", "kmsKeyArn"],
  // Security services (stateful for lz diff: deleting one blinds the organisation).
  "aws:guardduty/detector:Detector": [],
  "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount": ["adminAccountId"],
  "aws:guardduty/organizationConfiguration:OrganizationConfiguration": ["detectorId"],
  "aws:securityhub/account:Account": [],
  "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount": ["adminAccountId"],
  "aws:securityhub/organizationConfiguration:OrganizationConfiguration": [],
  "aws:securityhub/configurationPolicy:ConfigurationPolicy": [],
  "aws:securityhub/findingAggregator:FindingAggregator": [],
  "aws:cfg/recorder:Recorder": ["name"],
  "aws:cfg/deliveryChannel:DeliveryChannel": ["name"],
  "aws:cfg/configurationAggregator:ConfigurationAggregator": ["name"],
  "aws:accessanalyzer/analyzer:Analyzer": ["analyzerName", "type"],
  "aws:organizations/delegatedAdministrator:DelegatedAdministrator": ["accountId", "servicePrincipal"],
  "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount": ["accountId"],
  // The network: a VPC's or a subnet's replacement takes down everything that names it.
  "aws:ec2/vpc:Vpc": ["cidrBlock", "ipv4IpamPoolId"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "vpcId", "availabilityZone", "availabilityZoneId"],
  "aws:ec2/routeTable:RouteTable": ["vpcId"],
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ["subnetId", "gatewayId"],
  "aws:ec2/route:Route": ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
  "aws:ec2/securityGroup:SecurityGroup": ["vpcId", "name", "namePrefix", "description"],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["vpcId"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["securityGroupId"],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["securityGroupId"],
  "aws:ec2/networkAcl:NetworkAcl": ["vpcId"],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpcId", "serviceName", "vpcEndpointType", "serviceRegion"],
  "aws:ec2/flowLog:FlowLog": ["vpcId", "subnetId", "eniId", "transitGatewayId", "transitGatewayAttachmentId", "logDestination", "logDestinationType", "logFormat", "trafficType", "iamRoleArn", "maxAggregationInterval", "destinationOptions", "deliverCrossAccountRole"],
  "aws:ec2/natGateway:NatGateway": ["subnetId", "allocationId", "connectivityType"],
  "aws:ec2transitgateway/transitGateway:TransitGateway": ["amazonSideAsn"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["transitGatewayId", "vpcId"],
  "aws:ec2transitgateway/routeTable:RouteTable": ["transitGatewayId"],
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": ["transitGatewayAttachmentId", "transitGatewayRouteTableId"],
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": ["transitGatewayAttachmentId", "transitGatewayRouteTableId"],
  "aws:ec2transitgateway/route:Route": ["destinationCidrBlock", "transitGatewayRouteTableId", "transitGatewayAttachmentId", "blackhole"],
  "aws:route53/resolverRuleAssociation:ResolverRuleAssociation": ["resolverRuleId", "vpcId", "name"],
};
