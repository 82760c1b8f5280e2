// RDS's instance lifecycle, snapshots, subnet groups, tags and engine catalogue against botocore:
// each request with its members set is sent as botocore's serializer sends the same parameters,
// and each result is read as botocore's parser reads a document made from RDS's model.
#include <doctest/doctest.h>

#include <awsdirect/rds.hpp>

#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::sentBy;

TEST_CASE("every RDS lifecycle request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::string arn = "arn:aws:rds:us-east-1:123456789012:db:pg";
  awsdirect_test::checkSerializedAsBotocore({
      {"RDS StartDBInstance", "rds", "StartDBInstance", R"({"DBInstanceIdentifier":"pg"})",
       sentBy<Rds>(Rds::startDBInstance().dbInstanceIdentifier("pg"))},
      {"RDS StopDBInstance", "rds", "StopDBInstance", R"({"DBInstanceIdentifier":"pg","DBSnapshotIdentifier":"before-stop"})",
       sentBy<Rds>(Rds::stopDBInstance().dbInstanceIdentifier("pg").dbSnapshotIdentifier("before-stop"))},
      {"RDS RebootDBInstance", "rds", "RebootDBInstance", R"({"DBInstanceIdentifier":"pg","ForceFailover":false})",
       sentBy<Rds>(Rds::rebootDBInstance().dbInstanceIdentifier("pg").forceFailover(false))},
      {"RDS ModifyDBInstance", "rds", "ModifyDBInstance",
       R"({"DBInstanceIdentifier":"pg","AllocatedStorage":30,"DBInstanceClass":"db.t3.micro","DBSubnetGroupName":"sn",
           "VpcSecurityGroupIds":["sg-0a"],"ApplyImmediately":true,"MasterUserPassword":"Example-Passw0rd",
           "DBParameterGroupName":"force-ssl","BackupRetentionPeriod":1,"PreferredBackupWindow":"03:00-04:00","MultiAZ":false,
           "EngineVersion":"16.4","AllowMajorVersionUpgrade":true,"AutoMinorVersionUpgrade":true,"Iops":3000,
           "NewDBInstanceIdentifier":"pg-2","StorageType":"gp3","PubliclyAccessible":false,"DeletionProtection":true,
           "EnableIAMDatabaseAuthentication":true,"DBPortNumber":5433})",
       sentBy<Rds>(Rds::modifyDBInstance().dbInstanceIdentifier("pg").allocatedStorage(30).dbInstanceClass("db.t3.micro")
                       .dbSubnetGroupName("sn").vpcSecurityGroupId("sg-0a").applyImmediately().masterUserPassword("Example-Passw0rd")
                       .dbParameterGroupName("force-ssl").backupRetentionPeriod(1).preferredBackupWindow("03:00-04:00").multiAZ(false)
                       .engineVersion("16.4").allowMajorVersionUpgrade().autoMinorVersionUpgrade().iops(3000)
                       .newDBInstanceIdentifier("pg-2").storageType("gp3").publiclyAccessible(false).deletionProtection()
                       .enableIAMDatabaseAuthentication().port(5433))},
      {"RDS AddTagsToResource", "rds", "AddTagsToResource", R"({"ResourceName":")" + arn + R"(","Tags":[{"Key":"env","Value":"dev"}]})",
       sentBy<Rds>(Rds::addTagsToResource().resourceName(arn).tag("env", "dev"))},
      {"RDS RemoveTagsFromResource", "rds", "RemoveTagsFromResource", R"({"ResourceName":")" + arn + R"(","TagKeys":["env","team"]})",
       sentBy<Rds>(Rds::removeTagsFromResource().resourceName(arn).tagKey("env").tagKey("team"))},
      {"RDS ListTagsForResource", "rds", "ListTagsForResource",
       R"({"ResourceName":")" + arn + R"(","Filters":[{"Name":"key","Values":["env"]}]})",
       sentBy<Rds>(Rds::listTagsForResource().resourceName(arn).filters({{"key", {"env"}}}))},
      {"RDS CreateDBSnapshot", "rds", "CreateDBSnapshot",
       R"({"DBSnapshotIdentifier":"pg-before","DBInstanceIdentifier":"pg","Tags":[{"Key":"env","Value":"dev"}]})",
       sentBy<Rds>(Rds::createDBSnapshot().dbSnapshotIdentifier("pg-before").dbInstanceIdentifier("pg").tag("env", "dev"))},
      {"RDS DescribeDBSnapshots", "rds", "DescribeDBSnapshots",
       R"({"DBInstanceIdentifier":"pg","DBSnapshotIdentifier":"pg-before","SnapshotType":"manual",
           "Filters":[{"Name":"engine","Values":["postgres"]}],"MaxRecords":20,"Marker":"m","IncludeShared":false,"IncludePublic":false})",
       sentBy<Rds>(Rds::describeDBSnapshots().dbInstanceIdentifier("pg").dbSnapshotIdentifier("pg-before").snapshotType("manual")
                       .filter("engine", {"postgres"}).maxRecords(20).marker("m").includeShared(false).includePublic(false))},
      {"RDS DeleteDBSnapshot", "rds", "DeleteDBSnapshot", R"({"DBSnapshotIdentifier":"pg-before"})",
       sentBy<Rds>(Rds::deleteDBSnapshot().dbSnapshotIdentifier("pg-before"))},
      {"RDS RestoreDBInstanceFromDBSnapshot", "rds", "RestoreDBInstanceFromDBSnapshot",
       R"({"DBInstanceIdentifier":"pg-2","DBSnapshotIdentifier":"pg-before","DBInstanceClass":"db.t3.micro","Port":5433,
           "AvailabilityZone":"us-east-1a","DBSubnetGroupName":"sn","MultiAZ":false,"PubliclyAccessible":false,
           "AutoMinorVersionUpgrade":true,"LicenseModel":"postgresql-license","DBName":"dev","Engine":"postgres","Iops":3000,
           "Tags":[{"Key":"env","Value":"dev"}],"StorageType":"gp3","VpcSecurityGroupIds":["sg-0a"],"CopyTagsToSnapshot":true,
           "EnableIAMDatabaseAuthentication":true,"DBParameterGroupName":"force-ssl","DeletionProtection":false,
           "AllocatedStorage":30,"BackupRetentionPeriod":1,"PreferredBackupWindow":"03:00-04:00","ManageMasterUserPassword":true,
           "MasterUserSecretKmsKeyId":"k"})",
       sentBy<Rds>(Rds::restoreDBInstanceFromDBSnapshot().dbInstanceIdentifier("pg-2").dbSnapshotIdentifier("pg-before")
                       .dbInstanceClass("db.t3.micro").port(5433).availabilityZone("us-east-1a").dbSubnetGroupName("sn")
                       .multiAZ(false).publiclyAccessible(false).autoMinorVersionUpgrade().licenseModel("postgresql-license")
                       .dbName("dev").engine("postgres").iops(3000).tag("env", "dev").storageType("gp3").vpcSecurityGroupId("sg-0a")
                       .copyTagsToSnapshot().enableIAMDatabaseAuthentication().dbParameterGroupName("force-ssl")
                       .deletionProtection(false).allocatedStorage(30).backupRetentionPeriod(1).preferredBackupWindow("03:00-04:00")
                       .manageMasterUserPassword().masterUserSecretKmsKeyId("k"))},
      {"RDS CreateDBSubnetGroup", "rds", "CreateDBSubnetGroup",
       R"({"DBSubnetGroupName":"sn","DBSubnetGroupDescription":"two zones","SubnetIds":["subnet-0a","subnet-0b"],"Tags":[{"Key":"k","Value":"v"}]})",
       sentBy<Rds>(Rds::createDBSubnetGroup().dbSubnetGroupName("sn").dbSubnetGroupDescription("two zones").subnetId("subnet-0a")
                       .subnetId("subnet-0b").tag("k", "v"))},
      {"RDS DescribeDBSubnetGroups", "rds", "DescribeDBSubnetGroups",
       R"({"DBSubnetGroupName":"sn","Filters":[{"Name":"n","Values":["v"]}],"MaxRecords":20,"Marker":"m"})",
       sentBy<Rds>(Rds::describeDBSubnetGroups().dbSubnetGroupName("sn").filters({{"n", {"v"}}}).maxRecords(20).marker("m"))},
      {"RDS DeleteDBSubnetGroup", "rds", "DeleteDBSubnetGroup", R"({"DBSubnetGroupName":"sn"})",
       sentBy<Rds>(Rds::deleteDBSubnetGroup().dbSubnetGroupName("sn"))},
      {"RDS DescribeDBEngineVersions", "rds", "DescribeDBEngineVersions",
       R"({"Engine":"postgres","EngineVersion":"16.4","DBParameterGroupFamily":"postgres16","Filters":[{"Name":"status","Values":["available"]}],
           "MaxRecords":20,"Marker":"m","DefaultOnly":true,"IncludeAll":false})",
       sentBy<Rds>(Rds::describeDBEngineVersions().engine("postgres").engineVersion("16.4").dbParameterGroupFamily("postgres16")
                       .filters({{"status", {"available"}}}).maxRecords(20).marker("m").defaultOnly().includeAll(false))},
      {"RDS DescribeOrderableDBInstanceOptions", "rds", "DescribeOrderableDBInstanceOptions",
       R"({"Engine":"postgres","EngineVersion":"16.4","DBInstanceClass":"db.t2.small","LicenseModel":"postgresql-license","Vpc":true,
           "Filters":[{"Name":"n","Values":["v"]}],"MaxRecords":1000,"Marker":"m"})",
       sentBy<Rds>(Rds::describeOrderableDBInstanceOptions().engine("postgres").engineVersion("16.4").dbInstanceClass("db.t2.small")
                       .licenseModel("postgresql-license").vpc().filters({{"n", {"v"}}}).maxRecords(1000).marker("m"))},
      {"RDS CreateDBParameterGroup", "rds", "CreateDBParameterGroup",
       R"({"DBParameterGroupName":"tls","DBParameterGroupFamily":"postgres14","Description":"TLS only","Tags":[{"Key":"k","Value":"v"}]})",
       sentBy<Rds>(Rds::createDBParameterGroup().dbParameterGroupName("tls").dbParameterGroupFamily("postgres14")
                       .description("TLS only").tag("k", "v"))},
      {"RDS ModifyDBParameterGroup", "rds", "ModifyDBParameterGroup",
       R"({"DBParameterGroupName":"tls","Parameters":[{"ParameterName":"rds.force_ssl","ParameterValue":"1","ApplyMethod":"immediate"},
           {"ParameterName":"p","ParameterValue":"v","Description":"d","Source":"user","ApplyType":"static","DataType":"string",
            "AllowedValues":"a,b","IsModifiable":true,"MinimumEngineVersion":"14.1","ApplyMethod":"pending-reboot",
            "SupportedEngineModes":["provisioned"]}]})",
       sentBy<Rds>(Rds::modifyDBParameterGroup().dbParameterGroupName("tls").parameter("rds.force_ssl", "1").parameters([] {
         std::vector<rds::Parameter> all(2);
         all[0].parameterName = "rds.force_ssl", all[0].parameterValue = "1", all[0].applyMethod = "immediate";
         all[1].parameterName = "p", all[1].parameterValue = "v", all[1].description = "d", all[1].source = "user";
         all[1].applyType = "static", all[1].dataType = "string", all[1].allowedValues = "a,b", all[1].isModifiable = true;
         all[1].minimumEngineVersion = "14.1", all[1].applyMethod = "pending-reboot", all[1].supportedEngineModes = {"provisioned"};
         return all;
       }()))},
      {"RDS DescribeDBParameters", "rds", "DescribeDBParameters",
       R"({"DBParameterGroupName":"tls","Source":"user","Filters":[{"Name":"n","Values":["v"]}],"MaxRecords":20,"Marker":"m"})",
       sentBy<Rds>(Rds::describeDBParameters().dbParameterGroupName("tls").source("user").filters({{"n", {"v"}}}).maxRecords(20).marker("m"))},
      {"RDS DescribeDBParameterGroups", "rds", "DescribeDBParameterGroups",
       R"({"DBParameterGroupName":"tls","Filters":[{"Name":"n","Values":["v"]}],"MaxRecords":20,"Marker":"m"})",
       sentBy<Rds>(Rds::describeDBParameterGroups().dbParameterGroupName("tls").filters({{"n", {"v"}}}).maxRecords(20).marker("m"))},
      {"RDS DeleteDBParameterGroup", "rds", "DeleteDBParameterGroup", R"({"DBParameterGroupName":"tls"})",
       sentBy<Rds>(Rds::deleteDBParameterGroup().dbParameterGroupName("tls"))},
  });
}

TEST_CASE("every RDS result is read as botocore's parser reads it, member by member") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::vector<std::string> operations = {
      "CreateDBInstance", "DescribeDBInstances", "DeleteDBInstance", "StartDBInstance", "StopDBInstance", "RebootDBInstance",
      "ModifyDBInstance", "CreateDBSnapshot", "DescribeDBSnapshots", "DeleteDBSnapshot", "RestoreDBInstanceFromDBSnapshot",
      "CreateDBSubnetGroup", "DescribeDBSubnetGroups", "ListTagsForResource", "DescribeDBEngineVersions",
      "DescribeOrderableDBInstanceOptions",
      "CreateDBParameterGroup", "ModifyDBParameterGroup", "DescribeDBParameters", "DescribeDBParameterGroups"};
  std::vector<std::vector<std::string>> asked;
  for (const std::string& operation : operations) asked.push_back({"rds", operation});
  const auto r = awsdirect_test::botocoreResponses(asked);
  REQUIRE(r.size() == operations.size());
  using awsdirect_test::checkReadAsBotocore;
  checkReadAsBotocore<rds::CreateDBInstanceRequest>(r[0]);
  checkReadAsBotocore<rds::DescribeDBInstancesRequest>(r[1]);
  checkReadAsBotocore<rds::DeleteDBInstanceRequest>(r[2]);
  checkReadAsBotocore<rds::StartDBInstanceRequest>(r[3]);
  checkReadAsBotocore<rds::StopDBInstanceRequest>(r[4]);
  checkReadAsBotocore<rds::RebootDBInstanceRequest>(r[5]);
  checkReadAsBotocore<rds::ModifyDBInstanceRequest>(r[6]);
  checkReadAsBotocore<rds::CreateDBSnapshotRequest>(r[7]);
  checkReadAsBotocore<rds::DescribeDBSnapshotsRequest>(r[8]);
  checkReadAsBotocore<rds::DeleteDBSnapshotRequest>(r[9]);
  checkReadAsBotocore<rds::RestoreDBInstanceFromDBSnapshotRequest>(r[10]);
  checkReadAsBotocore<rds::CreateDBSubnetGroupRequest>(r[11]);
  checkReadAsBotocore<rds::DescribeDBSubnetGroupsRequest>(r[12]);
  checkReadAsBotocore<rds::ListTagsForResourceRequest>(r[13]);
  checkReadAsBotocore<rds::DescribeDBEngineVersionsRequest>(r[14]);
  checkReadAsBotocore<rds::DescribeOrderableDBInstanceOptionsRequest>(r[15]);
  checkReadAsBotocore<rds::CreateDBParameterGroupRequest>(r[16]);
  checkReadAsBotocore<rds::ModifyDBParameterGroupRequest>(r[17]);
  checkReadAsBotocore<rds::DescribeDBParametersRequest>(r[18]);
  checkReadAsBotocore<rds::DescribeDBParameterGroupsRequest>(r[19]);
}
