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
  template <class Self = SqlParameter>  // dependent: instantiated where it is read or written, not in every file
  static constexpr auto fields() {
    return fieldList(field("name", &Self::name), field("value", &Self::value));
  }
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
  template <class Self = SubmittedStatement>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using S = Self;
    return fieldList(field("Id", &S::id), field("CreatedAt", &S::createdAt),
                           field("ClusterIdentifier", &S::clusterIdentifier), field("DbUser", &S::dbUser),
                           field("DbGroups", &S::dbGroups), field("Database", &S::database),
                           field("SecretArn", &S::secretArn), field("WorkgroupName", &S::workgroupName),
                           field("SessionId", &S::sessionId));
  }
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
  template <class Self = SubStatement>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using S = Self;
    return fieldList(field("Id", &S::id), field("Duration", &S::duration), field("Error", &S::error),
                           field("Status", &S::status), field("CreatedAt", &S::createdAt),
                           field("UpdatedAt", &S::updatedAt), field("QueryString", &S::queryString),
                           field("ResultRows", &S::resultRows), field("ResultSize", &S::resultSize),
                           field("RedshiftQueryId", &S::redshiftQueryId), field("HasResultSet", &S::hasResultSet));
  }
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
  template <class Self = StatementDescription>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using S = Self;
    return fieldList(
        field("Id", &S::id), field("SecretArn", &S::secretArn), field("DbUser", &S::dbUser),
        field("Database", &S::database), field("ClusterIdentifier", &S::clusterIdentifier),
        field("Duration", &S::duration), field("Error", &S::error), field("Status", &S::status),
        field("CreatedAt", &S::createdAt), field("UpdatedAt", &S::updatedAt), field("RedshiftPid", &S::redshiftPid),
        field("HasResultSet", &S::hasResultSet), field("QueryString", &S::queryString),
        field("ResultRows", &S::resultRows), field("ResultSize", &S::resultSize),
        field("RedshiftQueryId", &S::redshiftQueryId), field("QueryParameters", &S::queryParameters),
        field("SubStatements", &S::subStatements), field("WorkgroupName", &S::workgroupName),
        field("ResultFormat", &S::resultFormat), field("SessionId", &S::sessionId));
  }
};

// One value of a result row: exactly one member is set (isNull for SQL NULL).
struct FieldValue {
  std::optional<bool> isNull;
  std::optional<bool> booleanValue;
  std::optional<std::int64_t> longValue;
  std::optional<double> doubleValue;
  std::optional<std::string> stringValue;
  std::optional<std::string> blobValue;  // the bytes (base64 on the wire)
  template <class Self = FieldValue>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using F = Self;
    return fieldList(field("isNull", &F::isNull), field("booleanValue", &F::booleanValue),
                           field("longValue", &F::longValue), field("doubleValue", &F::doubleValue),
                           field("stringValue", &F::stringValue), base64Field("blobValue", &F::blobValue));
  }

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
  template <class Self = ColumnMetadata>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using C = Self;
    return fieldList(field("isCaseSensitive", &C::isCaseSensitive), field("isCurrency", &C::isCurrency),
                           field("isSigned", &C::isSigned), field("label", &C::label), field("name", &C::name),
                           field("nullable", &C::nullable), field("precision", &C::precision), field("scale", &C::scale),
                           field("schemaName", &C::schemaName), field("tableName", &C::tableName),
                           field("typeName", &C::typeName), field("length", &C::length),
                           field("columnDefault", &C::columnDefault));
  }
};

// GetStatementResult: one page of rows.
struct StatementResult {
  std::vector<std::vector<FieldValue>> records;
  std::vector<ColumnMetadata> columnMetadata;  // on the first page
  std::int64_t totalNumRows = 0;
  std::string nextToken;
  template <class Self = StatementResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("Records", &Self::records),
                           field("ColumnMetadata", &Self::columnMetadata),
                           field("TotalNumRows", &Self::totalNumRows),
                           field("NextToken", &Self::nextToken));
  }
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
  template <class Self = StatementSummary>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using S = Self;
    return fieldList(field("Id", &S::id), field("QueryString", &S::queryString),
                           field("QueryStrings", &S::queryStrings), field("SecretArn", &S::secretArn),
                           field("Status", &S::status), field("StatementName", &S::statementName),
                           field("CreatedAt", &S::createdAt), field("UpdatedAt", &S::updatedAt),
                           field("QueryParameters", &S::queryParameters),
                           field("IsBatchStatement", &S::isBatchStatement), field("ResultFormat", &S::resultFormat),
                           field("SessionId", &S::sessionId));
  }
};

struct ListStatementsResult {
  std::vector<StatementSummary> statements;
  std::string nextToken;
  template <class Self = ListStatementsResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("Statements", &Self::statements),
                           field("NextToken", &Self::nextToken));
  }
};

struct CancelStatementResult {
  bool status = false;  // whether the statement was cancelled
  template <class Self = CancelStatementResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() { return fieldList(field("Status", &Self::status)); }
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

  // ---- Operations (build a request, send it with send()) ----
  static redshiftdata::ExecuteStatementRequest executeStatement() { return {}; }
  static redshiftdata::BatchExecuteStatementRequest batchExecuteStatement() { return {}; }
  static redshiftdata::DescribeStatementRequest describeStatement() { return {}; }
  static redshiftdata::GetStatementResultRequest getStatementResult() { return {}; }
  static redshiftdata::ListStatementsRequest listStatements() { return {}; }
  static redshiftdata::CancelStatementRequest cancelStatement() { return {}; }

  // ---- Calls that send ----

  // Every page of a statement's result, following NextToken (botocore's paginator): its columns
  // (from the first page) and every row.
  AWSDIRECT_DECL Outcome<redshiftdata::Rows> getAllStatementResults(const std::string& id);
  // Every statement the request selects, following NextToken (botocore's paginator).
  AWSDIRECT_DECL Outcome<std::vector<redshiftdata::StatementSummary>> listAllStatements(
      redshiftdata::ListStatementsRequest request = {});

  // Polls DescribeStatement until the statement has ended: FINISHED returns its description;
  // FAILED or ABORTED is a WaiterError (StatementFailed, with Redshift's error text, or
  // StatementAborted). botocore has no waiter for the Data API: the pace is every second, for
  // at most an hour unless the options say otherwise (a statement may run for up to 24 hours).
  AWSDIRECT_DECL Outcome<redshiftdata::StatementDescription> waitForStatement(const std::string& id,
                                                                             WaitOptions options = {});

  static constexpr WaiterPace kStatementFinished{std::chrono::seconds(1), 3601};
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/redshift_data.ipp"
#endif
