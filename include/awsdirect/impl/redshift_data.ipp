// Definitions of <awsdirect/redshift_data.hpp>.
#include <charconv>
#include <cctype>
#include <string>

#include "../crypto.hpp"

namespace awsdirect {
namespace redshiftdata {

std::string FieldValue::text() const {
  if (null()) return "NULL";
  if (booleanValue) return *booleanValue ? "true" : "false";
  if (longValue) return std::to_string(*longValue);
  if (doubleValue) {
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, *doubleValue);
    return std::string(buffer, written.ptr);
  }
  if (stringValue) return *stringValue;
  if (blobValue) return "\\x" + toHex(*blobValue);
  return "NULL";  // no member: nothing to show
}

namespace rules {

void statementId(Validator& v, const std::string& field, const std::string& id) {
  // [a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d{0,2})?
  auto lowerAlnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  bool ok = id.size() >= 36;
  for (std::size_t i = 0; ok && i < 36; ++i)
    ok = (i == 8 || i == 13 || i == 18 || i == 23) ? id[i] == '-' : lowerAlnum(id[i]);
  if (ok && id.size() > 36) {
    ok = id[36] == ':' && id.size() <= 39;
    for (std::size_t i = 37; ok && i < id.size(); ++i) ok = id[i] >= '0' && id[i] <= '9';
  }
  v.check(ok, field, "must be a statement id such as d9b6c0c9-0747-4bf4-b142-e8883122f766 (with :N for one of a batch)");
}

}  // namespace rules

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<SqlParameter>& parameters) {
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const std::string field = std::string(spec.name) + "[" + std::to_string(i) + "]";
    const std::string& name = parameters[i].name;
    bool word = !name.empty();
    for (char c : name) word = word && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    v.check(word, field + ".name", "must be letters, digits and underscores (the :name in the SQL)");
    v.check(!parameters[i].value.empty(), field + ".value", "must not be empty (NULL is not sent as a parameter)");
  }
}

// Where a statement runs and as whom: the rules ExecuteStatement and BatchExecuteStatement share.
AWSDIRECT_DECL void validateTarget(Validator& v, const std::optional<std::string>& cluster,
                                   const std::optional<std::string>& workgroup, const std::optional<std::string>& session,
                                   const std::optional<std::string>& database, const std::optional<std::string>& secretArn,
                                   const std::optional<std::string>& dbUser) {
  v.check(cluster || workgroup || session, "ClusterIdentifier",
          "or WorkgroupName (or SessionId, of a session kept alive) is required");
  v.check(!(cluster && workgroup), "WorkgroupName", "must not be set with ClusterIdentifier");
  if ((cluster || workgroup) && !session)
    v.check(database.has_value(), "Database", "is required with ClusterIdentifier or WorkgroupName");
  v.check(!(secretArn && dbUser), "DbUser", "must not be set with SecretArn (the secret names the user)");
}

void ExecuteStatementRequest::validateAcross(Validator& v) const {
  validateTarget(v, clusterIdentifier_, workgroupName_, sessionId_, database_, secretArn_, dbUser_);
}

void BatchExecuteStatementRequest::validateAcross(Validator& v) const {
  validateTarget(v, clusterIdentifier_, workgroupName_, sessionId_, database_, secretArn_, dbUser_);
}

}  // namespace redshiftdata
}  // namespace awsdirect

namespace awsdirect {

AWSDIRECT_LAZY_DEF
Outcome<redshiftdata::Rows> RedshiftData::getAllStatementResults(const std::string& id) {
  // The first page holds the columns; the rest are paged as every listing is.
  auto first = send(getStatementResult().id(id));
  if (!first) return first.error();
  redshiftdata::Rows rows{std::move(first.value().columnMetadata), std::move(first.value().records)};
  if (first.value().nextToken.empty()) return rows;
  auto rest = sendAllPages(getStatementResult().id(id).nextToken(first.value().nextToken), ByNextToken{},
                           &redshiftdata::StatementResult::nextToken, &redshiftdata::StatementResult::records);
  if (!rest) return rest.error();
  for (auto& record : rest.value()) rows.records.push_back(std::move(record));
  return rows;
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<redshiftdata::StatementSummary>> RedshiftData::listAllStatements(
    redshiftdata::ListStatementsRequest request) {
  return sendAllPages(std::move(request), ByNextToken{}, &redshiftdata::ListStatementsResult::nextToken,
                      &redshiftdata::ListStatementsResult::statements);
}

AWSDIRECT_LAZY_DEF
Outcome<redshiftdata::StatementDescription> RedshiftData::waitForStatement(const std::string& id, WaitOptions options) {
  using redshiftdata::StatementDescription;
  // Every end is a success of the wait; which end it was is said after.
  auto ended = waitUntil<StatementDescription>(
      "StatementFinished", options, kStatementFinished, [&] { return send(describeStatement().id(id)); },
      [](const Outcome<StatementDescription>& polled) -> WaitStep {
        if (!polled) return {WaitVerdict::Failure, polled.error().code};
        const std::string& status = polled.value().status;
        const bool end = status == "FINISHED" || status == "FAILED" || status == "ABORTED";
        return {end ? WaitVerdict::Success : WaitVerdict::Retry, status};
      });
  if (!ended) return ended.error();
  const StatementDescription& statement = ended.value();
  if (statement.status == "FAILED")
    return makeError(ErrorKind::Waiter, "StatementFailed", "statement " + id + " failed: " + statement.error);
  if (statement.status == "ABORTED")
    return makeError(ErrorKind::Waiter, "StatementAborted", "statement " + id + " was aborted");
  return ended;
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_REDSHIFT_DATA_OPERATIONS)

}  // namespace awsdirect
