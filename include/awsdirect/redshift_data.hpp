#pragma once
// The Amazon Redshift Data API (API version 2019-12-20, JSON protocol): SQL run on a cluster (or
// a Serverless workgroup) over HTTPS, without a database driver or a network path to port 5439.
// A statement is submitted, runs on its own, and is polled: ExecuteStatement returns its id,
// DescribeStatement its status, GetStatementResult its rows, page by page.
//
//   RedshiftData data;
//   auto submitted = data.send(RedshiftData::executeStatement().clusterIdentifier("redshift-cluster")
//                                  .database("dev").dbUser("awsuser").sql("SELECT 1")).value();
//   auto finished = data.waitForStatement(submitted.id).value();   // FINISHED, or a WaiterError
//   auto rows = data.getAllStatementResults(submitted.id).value();
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detail/build_mode.hpp"
#include "json_client.hpp"
#include "redshift/common.hpp"
#include "result.hpp"
#include "waiter.hpp"

namespace awsdirect {

class RedshiftData;

namespace redshiftdata {

using TimePoint = std::chrono::system_clock::time_point;

// A named parameter of a statement: "SELECT * FROM t WHERE id = :id" with {"id", "42"}. The
// Data API sends every value as text; Redshift casts it to the column's type.
struct SqlParameter {
  std::string name;   // letters, digits and underscores
  std::string value;  // not empty
  AWSDIRECT_FIELDS(SqlParameter, field("name", &Self::name), field("value", &Self::value));
};

// ---- Results -----------------------------------------------------------------------------------

// ExecuteStatement, BatchExecuteStatement: the statement's id, and where it runs.
struct SubmittedStatement {
  std::string id;
  std::optional<TimePoint> createdAt;
  std::string clusterIdentifier;
  std::string dbUser;
  std::vector<std::string> dbGroups;
  std::string database;
  std::string secretArn;
  std::string workgroupName;
  std::string sessionId;
  AWSDIRECT_FIELDS(SubmittedStatement, field("Id", &Self::id), field("CreatedAt", &Self::createdAt),
                   field("ClusterIdentifier", &Self::clusterIdentifier), field("DbUser", &Self::dbUser),
                   field("DbGroups", &Self::dbGroups), field("Database", &Self::database),
                   field("SecretArn", &Self::secretArn), field("WorkgroupName", &Self::workgroupName),
                   field("SessionId", &Self::sessionId));
};

// One statement of a batch, as DescribeStatement shows it.
struct SubStatement {
  std::string id;
  std::int64_t duration = 0;  // nanoseconds
  std::string error;
  std::string status;  // SUBMITTED, PICKED, STARTED, FINISHED, ABORTED, FAILED
  std::optional<TimePoint> createdAt, updatedAt;
  std::string queryString;
  std::int64_t resultRows = 0, resultSize = 0, redshiftQueryId = 0;
  bool hasResultSet = false;
  AWSDIRECT_FIELDS(SubStatement, field("Id", &Self::id), field("Duration", &Self::duration),
                   field("Error", &Self::error), field("Status", &Self::status), field("CreatedAt", &Self::createdAt),
                   field("UpdatedAt", &Self::updatedAt), field("QueryString", &Self::queryString),
                   field("ResultRows", &Self::resultRows), field("ResultSize", &Self::resultSize),
                   field("RedshiftQueryId", &Self::redshiftQueryId), field("HasResultSet", &Self::hasResultSet));
};

// DescribeStatement: where a statement stands (status, error, rows), without its rows.
struct StatementDescription {
  std::string id;
  std::string secretArn, dbUser, database, clusterIdentifier;
  std::int64_t duration = 0;  // nanoseconds; -1 until it ends
  std::string error;          // Redshift's message when FAILED
  std::string status;         // SUBMITTED, PICKED, STARTED, FINISHED, ABORTED, FAILED
  std::optional<TimePoint> createdAt, updatedAt;
  std::int64_t redshiftPid = 0;
  bool hasResultSet = false;
  std::string queryString;
  std::int64_t resultRows = 0;  // rows fetched or changed (-1 when not known)
  std::int64_t resultSize = 0;  // bytes
  std::int64_t redshiftQueryId = 0;
  std::vector<SqlParameter> queryParameters;
  std::vector<SubStatement> subStatements;
  std::string workgroupName, resultFormat, sessionId;
  AWSDIRECT_FIELDS(StatementDescription, field("Id", &Self::id), field("SecretArn", &Self::secretArn),
                   field("DbUser", &Self::dbUser), field("Database", &Self::database),
                   field("ClusterIdentifier", &Self::clusterIdentifier), field("Duration", &Self::duration),
                   field("Error", &Self::error), field("Status", &Self::status), field("CreatedAt", &Self::createdAt),
                   field("UpdatedAt", &Self::updatedAt), field("RedshiftPid", &Self::redshiftPid),
                   field("HasResultSet", &Self::hasResultSet), field("QueryString", &Self::queryString),
                   field("ResultRows", &Self::resultRows), field("ResultSize", &Self::resultSize),
                   field("RedshiftQueryId", &Self::redshiftQueryId), field("QueryParameters", &Self::queryParameters),
                   field("SubStatements", &Self::subStatements), field("WorkgroupName", &Self::workgroupName),
                   field("ResultFormat", &Self::resultFormat), field("SessionId", &Self::sessionId));
};

// One value of a result row: exactly one member is set (isNull for SQL NULL).
struct FieldValue {
  std::optional<bool> isNull;
  std::optional<bool> booleanValue;
  std::optional<std::int64_t> longValue;
  std::optional<double> doubleValue;
  std::optional<std::string> stringValue;
  std::optional<std::string> blobValue;  // the bytes (base64 on the wire)
  AWSDIRECT_FIELDS(FieldValue, field("isNull", &Self::isNull), field("booleanValue", &Self::booleanValue),
                   field("longValue", &Self::longValue), field("doubleValue", &Self::doubleValue),
                   field("stringValue", &Self::stringValue), base64Field("blobValue", &Self::blobValue));

  bool null() const { return isNull.value_or(false); }
  // The value as text, as psql prints it: "NULL", "true", "42", "2.5", the text, or a blob as \x<hex>.
  AWSDIRECT_DECL std::string text() const;
};

// A result column's name and type.
struct ColumnMetadata {
  bool isCaseSensitive = false, isCurrency = false, isSigned = false;
  std::string label, name;
  int nullable = 0, precision = 0, scale = 0;
  std::string schemaName, tableName, typeName;  // typeName: "int4", "varchar", "float8", ...
  int length = 0;
  std::string columnDefault;
  AWSDIRECT_FIELDS(ColumnMetadata, field("isCaseSensitive", &Self::isCaseSensitive),
                   field("isCurrency", &Self::isCurrency), field("isSigned", &Self::isSigned),
                   field("label", &Self::label), field("name", &Self::name), field("nullable", &Self::nullable),
                   field("precision", &Self::precision), field("scale", &Self::scale),
                   field("schemaName", &Self::schemaName), field("tableName", &Self::tableName),
                   field("typeName", &Self::typeName), field("length", &Self::length),
                   field("columnDefault", &Self::columnDefault));
};

// GetStatementResult: one page of rows.
struct StatementResult {
  std::vector<std::vector<FieldValue>> records;
  std::vector<ColumnMetadata> columnMetadata;  // on the first page
  std::int64_t totalNumRows = 0;
  std::string nextToken;
  AWSDIRECT_FIELDS(StatementResult, field("Records", &Self::records), field("ColumnMetadata", &Self::columnMetadata),
                   field("TotalNumRows", &Self::totalNumRows), field("NextToken", &Self::nextToken));
};

// Every page of a result: the columns and all rows.
struct Rows {
  std::vector<ColumnMetadata> columns;
  std::vector<std::vector<FieldValue>> records;
};

// ListStatements: a statement as listed.
struct StatementSummary {
  std::string id;
  std::string queryString;
  std::vector<std::string> queryStrings;  // a batch's statements
  std::string secretArn, status, statementName;
  std::optional<TimePoint> createdAt, updatedAt;
  std::vector<SqlParameter> queryParameters;
  bool isBatchStatement = false;
  std::string resultFormat, sessionId;
  AWSDIRECT_FIELDS(StatementSummary, field("Id", &Self::id), field("QueryString", &Self::queryString),
                   field("QueryStrings", &Self::queryStrings), field("SecretArn", &Self::secretArn),
                   field("Status", &Self::status), field("StatementName", &Self::statementName),
                   field("CreatedAt", &Self::createdAt), field("UpdatedAt", &Self::updatedAt),
                   field("QueryParameters", &Self::queryParameters), field("IsBatchStatement", &Self::isBatchStatement),
                   field("ResultFormat", &Self::resultFormat), field("SessionId", &Self::sessionId));
};

struct ListStatementsResult {
  std::vector<StatementSummary> statements;
  std::string nextToken;
  AWSDIRECT_FIELDS(ListStatementsResult, field("Statements", &Self::statements), field("NextToken", &Self::nextToken));
};

struct CancelStatementResult {
  bool status = false;  // whether the statement was cancelled
  AWSDIRECT_FIELDS(CancelStatementResult, field("Status", &Self::status));
};

// ---- Members -----------------------------------------------------------------------------------

namespace rules {
// A statement id: a UUID, with ":N" for one statement of a batch.
AWSDIRECT_DECL void statementId(Validator& v, const std::string& field, const std::string& id);
}  // namespace rules

// Where a statement runs and as whom (ExecuteStatement's and BatchExecuteStatement's rules).
AWSDIRECT_DECL void validateTarget(Validator& v, const std::optional<std::string>& cluster,
                                   const std::optional<std::string>& workgroup, const std::optional<std::string>& session,
                                   const std::optional<std::string>& database, const std::optional<std::string>& secretArn,
                                   const std::optional<std::string>& dbUser);

// Each parameter has a name of letters, digits and underscores and a value that is not empty.
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<SqlParameter>& parameters);

namespace members {
using namespace declare;
AWSDIRECT_MEMBER(Sql, sql, std::string, length(1, 100000));
AWSDIRECT_MEMBER(Sqls, sqls, std::vector<std::string>, count(1, 40));
AWSDIRECT_MEMBER(ClusterIdentifier, clusterIdentifier, std::string, check(redshift::rules::clusterIdentifier));
AWSDIRECT_MEMBER(SecretArn, secretArn, std::string, unchecked);
AWSDIRECT_MEMBER(DbUser, dbUser, std::string, unchecked);
AWSDIRECT_MEMBER(Database, database, std::string, unchecked);
AWSDIRECT_FLAG(WithEvent, withEvent, unchecked);
AWSDIRECT_MEMBER(StatementName, statementName, std::string, length(0, 2048));
AWSDIRECT_MEMBER(Parameters, parameters, std::vector<SqlParameter>, unchecked);
AWSDIRECT_MEMBER(WorkgroupName, workgroupName, std::string, length(3, 128));
AWSDIRECT_MEMBER(ClientToken, clientToken, std::string, length(1, 64), idempotencyToken);
static constexpr const char* kResultFormats[] = {"JSON", "CSV"};
AWSDIRECT_MEMBER(ResultFormat, resultFormat, std::string, oneOf(kResultFormats));
AWSDIRECT_MEMBER(SessionKeepAliveSeconds, sessionKeepAliveSeconds, int, range(0, 86400));
AWSDIRECT_MEMBER(SessionId, sessionId, std::string, check(rules::statementId));
AWSDIRECT_MEMBER(Id, id, std::string, check(rules::statementId));
AWSDIRECT_MEMBER(NextToken, nextToken, std::string, unchecked);
AWSDIRECT_MEMBER(MaxResults, maxResults, int, range(0, 100));
static constexpr const char* kStatuses[] = {"SUBMITTED", "PICKED", "STARTED", "FINISHED", "ABORTED", "FAILED", "ALL"};
AWSDIRECT_MEMBER(Status, status, std::string, oneOf(kStatuses));
AWSDIRECT_FLAG(RoleLevel, roleLevel, unchecked);
}  // namespace members

// ---- Requests ----------------------------------------------------------------------------------

// The members ExecuteStatement and BatchExecuteStatement share, after the SQL.
#define AWSDIRECT_REDSHIFT_DATA_TARGET                                                                   \
  members::ClusterIdentifier, members::SecretArn, members::DbUser, members::Database, members::WithEvent, \
      members::StatementName, members::Parameters, members::WorkgroupName, members::ClientToken,          \
      members::ResultFormat, members::SessionKeepAliveSeconds, members::SessionId

// ExecuteStatement: one statement, on a cluster (clusterIdentifier, with database and either
// dbUser for temporary credentials or secretArn), a workgroup, or an open session.
class ExecuteStatementRequest : public Request<ExecuteStatementRequest, RedshiftData, SubmittedStatement,
                                               Required<members::Sql>, AWSDIRECT_REDSHIFT_DATA_TARGET> {
 public:
  static constexpr const char* operation = "ExecuteStatement";
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
};

// BatchExecuteStatement: up to 40 statements run in order as one transaction.
class BatchExecuteStatementRequest : public Request<BatchExecuteStatementRequest, RedshiftData, SubmittedStatement,
                                                    Required<members::Sqls>, AWSDIRECT_REDSHIFT_DATA_TARGET> {
 public:
  static constexpr const char* operation = "BatchExecuteStatement";
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
};
#undef AWSDIRECT_REDSHIFT_DATA_TARGET

class DescribeStatementRequest
    : public Request<DescribeStatementRequest, RedshiftData, StatementDescription, Required<members::Id>> {
 public:
  static constexpr const char* operation = "DescribeStatement";
};

class GetStatementResultRequest : public Request<GetStatementResultRequest, RedshiftData, StatementResult,
                                                 Required<members::Id>, members::NextToken> {
 public:
  static constexpr const char* operation = "GetStatementResult";
};

class ListStatementsRequest
    : public Request<ListStatementsRequest, RedshiftData, ListStatementsResult, members::NextToken, members::MaxResults,
                     members::StatementName, members::Status, members::RoleLevel, members::Database,
                     members::ClusterIdentifier, members::WorkgroupName> {
 public:
  static constexpr const char* operation = "ListStatements";
};

class CancelStatementRequest
    : public Request<CancelStatementRequest, RedshiftData, CancelStatementResult, Required<members::Id>> {
 public:
  static constexpr const char* operation = "CancelStatement";
};

}  // namespace redshiftdata

// ---- The client -------------------------------------------------------------------------------

class RedshiftData : public JsonService<RedshiftData> {
 public:
  static ServiceInfo serviceInfo() { return {"Redshift Data", "redshift-data", "redshift-data", "2019-12-20", false}; }
  static JsonProtocol protocol() { return {"RedshiftData", "1.1"}; }

  explicit RedshiftData(const ClientConfig& config = ClientConfig()) : JsonService(serviceInfo(), config, protocol()) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_REDSHIFT_DATA_OPERATIONS(X)                          \
  X(executeStatement, redshiftdata::ExecuteStatementRequest)           \
  X(batchExecuteStatement, redshiftdata::BatchExecuteStatementRequest) \
  X(describeStatement, redshiftdata::DescribeStatementRequest)         \
  X(getStatementResult, redshiftdata::GetStatementResultRequest)       \
  X(listStatements, redshiftdata::ListStatementsRequest)               \
  X(cancelStatement, redshiftdata::CancelStatementRequest)
  AWSDIRECT_REDSHIFT_DATA_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Every page of a statement's result, following NextToken (botocore's paginator): its columns
  // (from the first page) and every row.
  AWSDIRECT_LAZY_DECL Outcome<redshiftdata::Rows> getAllStatementResults(const std::string& id);
  // Every statement the request selects, following NextToken (botocore's paginator).
  AWSDIRECT_LAZY_DECL Outcome<std::vector<redshiftdata::StatementSummary>> listAllStatements(
      redshiftdata::ListStatementsRequest request = {});

  // Polls DescribeStatement until the statement has ended: FINISHED returns its description;
  // FAILED or ABORTED is a WaiterError (StatementFailed, with Redshift's error text, or
  // StatementAborted). botocore has no waiter for the Data API: the pace is every second, for
  // at most an hour unless the options say otherwise (a statement may run for up to 24 hours).
  AWSDIRECT_LAZY_DECL Outcome<redshiftdata::StatementDescription> waitForStatement(const std::string& id,
                                                                             WaitOptions options = {});

  static constexpr WaiterPace kStatementFinished{std::chrono::seconds(1), 3601};
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_REDSHIFT_DATA_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/redshift_data.ipp"
#endif
