// RDS's instance lifecycle and tags against botocore's serializer: each request with every member
// set is sent as botocore sends the same parameters.
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
  });
}
