// hands_on_aws load and sql: data into the environment's cluster through the Redshift Data API,
// run as a user would, with S3 and STS answered by moto_server and the Data API by our loopback
// Data API (support/redshift_data_server.py; moto's statements never finish). The COPY sent is
// checked word for word, with the role made for it; a rejected line is reported from
// STL_LOAD_ERRORS; bad input is refused before anything is uploaded or run.
#include <doctest/doctest.h>

#include <awsdirect/detail/json.hpp>
#include <awsdirect/iac/data.hpp>
#include <awsdirect/s3.hpp>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "support/command.hpp"
#include "support/moto.hpp"
#include "support/redshift_data_server.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::MotoServer;
using awsdirect_test::TestServer;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The inputs of every batch and statement the Data API received.
std::vector<JsonValue> statementsAt(const TestServer& server) {
  std::vector<JsonValue> inputs;
  for (const JsonValue& call : awsdirect_test::callsTo(server)) {
    const std::string target = call.at("target").asString();
    if (target == "RedshiftData.ExecuteStatement" || target == "RedshiftData.BatchExecuteStatement")
      inputs.push_back(call.at("input"));
  }
  return inputs;
}

struct Tool {
  const MotoServer& moto;
  const TestServer& dataApi;
  std::string home;

  Tool(const MotoServer& m, const TestServer& d) : moto(m), dataApi(d) {
    char pattern[] = "/tmp/awsdirect-integration-load-XXXXXX";
    home = mkdtemp(pattern);
    std::ofstream(home + "/sales.csv") << "1,alpha\n2,beta\n3,gamma\n";
    std::ofstream(home + "/fail.csv") << "1,alpha\nx,beta\n";
  }
  ~Tool() { awsdirect_test::runCommand("rm -rf '" + home + "'"); }

  awsdirect_test::CommandResult run(const std::string& arguments) const {
    const std::string environment =
        "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true HOME=" + home +
        " AWS_REGION=us-east-1 AWS_ENDPOINT_URL=" + moto.endpoint() + " AWS_ENDPOINT_URL_REDSHIFT_DATA=http://" +
        dataApi.authority() + " AWS_ACCESS_KEY_ID=" + moto.credentials().accessKeyId +
        " AWS_SECRET_ACCESS_KEY=" + moto.credentials().secretAccessKey.reveal() + " ";
    auto result = awsdirect_test::runCommand(environment + AWSDIRECT_BINARY_DIR "/examples/hands_on_aws " + arguments);
    CHECK_FALSE(contains(result.out + result.err, moto.credentials().secretAccessKey.reveal()));
    return result;
  }
};

// moto (S3, STS) and our Data API, with the environment dev1's bucket made.
struct Peers {
  std::unique_ptr<MotoServer> moto = MotoServer::start();
  std::unique_ptr<TestServer> dataApi;
  std::unique_ptr<S3> s3;
  const std::string bucket = "dev1-123456789012-data";  // the environment's bucket (moto's account)

  // Whether both run (else the test is skipped), the bucket made.
  bool started() {
    if (!moto) return awsdirect_test::skip("moto_server is not installed"), false;
    dataApi = awsdirect_test::startDataApi();
    if (!dataApi) return false;
    awsdirect_test::ran();
    s3 = std::make_unique<S3>(moto->clientConfig());
    REQUIRE(s3->send(S3::createBucket().bucket(bucket)).ok());
    return true;
  }
};

}  // namespace

TEST_CASE("hands_on_aws load uploads a file and COPYs it with the environment's role; sql prints a table") {
  Peers peers;
  if (!peers.started()) return;
  S3& s3 = *peers.s3;
  const std::string bucket = peers.bucket;
  Tool tool(*peers.moto, *peers.dataApi);

  auto loaded = tool.run("load --name dev1 --table sales --create 'id int, name varchar(20)' " + tool.home + "/sales.csv");
  INFO(loaded.out << loaded.err);
  CHECK(loaded.status == 0);
  CHECK(contains(loaded.out, "uploaded " + tool.home + "/sales.csv to s3://" + bucket + "/sales.csv"));
  CHECK(contains(loaded.out, "loaded 3 row(s) into sales"));
  CHECK(contains(loaded.err, "statement: FINISHED"));  // progress while it waits
  CHECK(s3.send(S3::headObject().bucket(bucket).key("sales.csv")).value().contentLength == 23);

  auto statements = statementsAt(*peers.dataApi);
  REQUIRE(statements.size() == 1);
  const JsonValue& batch = statements[0];
  CHECK(batch.at("ClusterIdentifier").asString() == "dev1-redshift");
  CHECK(batch.at("Database").asString() == "dev");
  CHECK(batch.at("DbUser").asString() == "awsuser");
  REQUIRE(batch.at("Sqls").size() == 3);
  CHECK(batch.at("Sqls").asArray()[0].asString() == "CREATE TABLE IF NOT EXISTS sales (id int, name varchar(20))");
  CHECK(batch.at("Sqls").asArray()[1].asString() ==
        "COPY sales FROM 's3://dev1-123456789012-data/sales.csv' IAM_ROLE 'arn:aws:iam::123456789012:role/dev1-redshift-role' CSV");
  CHECK(batch.at("Sqls").asArray()[2].asString() == "SELECT pg_last_copy_count()");

  // From S3 directly, without --create.
  auto fromS3 = tool.run("load --name dev1 --table public.sales s3://" + bucket + "/sales.csv");
  CHECK(fromS3.status == 0);
  CHECK_FALSE(contains(fromS3.out, "uploaded"));
  CHECK(statementsAt(*peers.dataApi).at(1).at("Sqls").size() == 2);

  auto table = tool.run("sql --name dev1 'SELECT * FROM generate_series(1, 3)'");
  INFO(table.out << table.err);
  CHECK(table.status == 0);
  CHECK(contains(table.out, " id | price | name    | ok    | note | raw     \n"
                            "----+-------+---------+-------+------+----------\n"));
  CHECK(contains(table.out, " 2  | 2.5   | row-2 \xC3\xA9 | true  | NULL | \\x0002ff\n"));
  CHECK(contains(table.out, "(3 rows)\n"));
}

TEST_CASE("hands_on_aws load reports the line Redshift rejected, and refuses bad input before anything is sent") {
  Peers peers;
  if (!peers.started()) return;
  S3& s3 = *peers.s3;
  const std::string bucket = peers.bucket;
  Tool tool(*peers.moto, *peers.dataApi);

  auto rejected = tool.run("load --name dev1 --table sales " + tool.home + "/fail.csv");
  INFO(rejected.out << rejected.err);
  CHECK(rejected.status == 1);
  CHECK(contains(rejected.out, "FAILED load: "));
  CHECK(contains(rejected.out, "StatementFailed"));
  CHECK(contains(rejected.out, "(STL_LOAD_ERRORS: line 2, column price: Invalid digit, Value 'x', Pos 0, Type: Integer)"));

  const std::size_t before = statementsAt(*peers.dataApi).size();
  auto badTable = tool.run("load --name dev1 --table 'sales; DROP TABLE x' " + tool.home + "/sales.csv");
  CHECK(badTable.status == 2);
  CHECK(contains(badTable.err, "table must be a table name"));
  CHECK_FALSE(s3.send(S3::headObject().bucket(bucket).key("sales.csv")).ok());
  auto badSource = tool.run("load --name dev1 --table sales s3://no-key");
  CHECK(badSource.status == 2);
  CHECK(contains(badSource.err, "source must be s3://bucket/key"));
  auto noSql = tool.run("sql --name dev1");
  CHECK(noSql.status == 2);
  CHECK(statementsAt(*peers.dataApi).size() == before);
}

TEST_CASE("a load's COPY statement doubles quotes, and its parts are checked") {
  iac::Load load{"sales", "", "s3://b/it's.csv", "arn:aws:iam::123456789012:role/r"};
  CHECK(iac::copyStatement(load) == "COPY sales FROM 's3://b/it''s.csv' IAM_ROLE 'arn:aws:iam::123456789012:role/r' CSV");
  CHECK_NOTHROW(iac::validateLoad(load));
  load.roleArn = "arn:aws:iam::123456789012:user/u";
  CHECK_THROWS_AS(iac::validateLoad(load), ValidationError);
}
