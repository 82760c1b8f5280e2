// Definitions of <awsdirect/iac/data.hpp>.
#include <algorithm>
#include <cctype>

#include "../../detail/text.hpp"

namespace awsdirect {
namespace iac {
// SQL text in single quotes: each quote doubled.
AWSDIRECT_DECL std::string sqlQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}


void validateLoad(const Load& load) {
  Validator v;
  bool identifier = !load.table.empty() && load.table.size() <= 127 && load.table.front() != '.' && load.table.back() != '.';
  for (char c : load.table)
    identifier = identifier && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
  v.check(identifier, "table", "must be a table name of letters, digits and underscores (schema.table allowed)");
  const bool s3 = load.s3Uri.rfind("s3://", 0) == 0 && load.s3Uri.size() > 5 && load.s3Uri.find('/', 5) != std::string::npos &&
                  load.s3Uri.find_first_of("\n\r") == std::string::npos;
  v.check(s3, "source", "must be s3://bucket/key");
  v.check(load.roleArn.rfind("arn:aws", 0) == 0 && load.roleArn.find(":role/") != std::string::npos &&
              load.roleArn.find('\'') == std::string::npos,
          "IAM_ROLE", "must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
  v.check(load.createColumns.find(';') == std::string::npos, "create", "must be column definitions, without ';'");
  if (!v.ok()) throwError(v.error("redshift-data", "load"));
}

std::string copyStatement(const Load& load) {
  return "COPY " + load.table + " FROM " + sqlQuoted(load.s3Uri) + " IAM_ROLE " + sqlQuoted(load.roleArn) +
         " CSV";
}

Outcome<LoadResult> loadFromS3(RedshiftData& data, const SqlTarget& target, const Load& load, const WaitOptions& options) {
  validateLoad(load);
  std::vector<std::string> sqls;
  if (!load.createColumns.empty()) sqls.push_back("CREATE TABLE IF NOT EXISTS " + load.table + " (" + load.createColumns + ")");
  sqls.push_back(copyStatement(load));
  sqls.push_back("SELECT pg_last_copy_count()");
  auto submitted = data.send(RedshiftData::batchExecuteStatement()
                                 .clusterIdentifier(target.clusterIdentifier)
                                 .database(target.database)
                                 .dbUser(target.dbUser)
                                 .statementName("awsdirect load " + load.table)
                                 .sqls(sqls));
  if (!submitted) return submitted.error();
  const std::string id = submitted.value().id;
  auto ended = data.waitForStatement(id, options);
  if (!ended) {
    Error error = ended.error();
    if (error.code != "StatementFailed") return error;
    // What Redshift recorded of the rejected line, for this file, most recent first.
    const std::string key = load.s3Uri.substr(load.s3Uri.rfind('/') + 1);
    auto why = runSql(data, target,
                      "SELECT line_number, TRIM(colname), TRIM(err_reason) FROM stl_load_errors WHERE TRIM(filename) LIKE " +
                          sqlQuoted("%" + key) + " ORDER BY starttime DESC LIMIT 1",
                      options);
    if (why && !why.value().records.empty() && why.value().records[0].size() == 3) {
      const auto& row = why.value().records[0];
      error.message += " (STL_LOAD_ERRORS: line " + row[0].text() + ", column " + row[1].text() + ": " + row[2].text() + ")";
    }
    return error;
  }
  // The batch's last statement holds the count.
  auto count = data.send(RedshiftData::getStatementResult().id(id + ":" + std::to_string(sqls.size())));
  if (!count) return count.error();
  LoadResult result;
  result.statementId = id;
  if (!count.value().records.empty() && !count.value().records[0].empty() && count.value().records[0][0].longValue)
    result.rowsLoaded = *count.value().records[0][0].longValue;
  return result;
}

Outcome<redshiftdata::Rows> runSql(RedshiftData& data, const SqlTarget& target, const std::string& sql,
                                   const WaitOptions& options) {
  auto submitted = data.send(RedshiftData::executeStatement()
                                 .clusterIdentifier(target.clusterIdentifier)
                                 .database(target.database)
                                 .dbUser(target.dbUser)
                                 .sql(sql));
  if (!submitted) return submitted.error();
  auto ended = data.waitForStatement(submitted.value().id, options);
  if (!ended) return ended.error();
  if (!ended.value().hasResultSet) return redshiftdata::Rows{};
  return data.getAllStatementResults(submitted.value().id);
}

std::string formatTable(const redshiftdata::Rows& rows) {
  std::vector<std::size_t> widths;
  for (const auto& column : rows.columns) widths.push_back(awsdirect::detail::characterCount(column.name));
  std::vector<std::vector<std::string>> cells;
  for (const auto& record : rows.records) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < record.size(); ++i) {
      line.push_back(record[i].text());
      if (i >= widths.size()) widths.push_back(0);
      widths[i] = std::max(widths[i], awsdirect::detail::characterCount(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto row = [&](const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string value = i < values.size() ? values[i] : "";
      out += (i ? " | " : " ") + value + std::string(widths[i] - awsdirect::detail::characterCount(value), ' ');
    }
    return out + "\n";
  };
  std::vector<std::string> header;
  for (const auto& column : rows.columns) header.push_back(column.name);
  std::string out = row(header);
  for (std::size_t i = 0; i < widths.size(); ++i) out += (i ? "-+-" : "-") + std::string(widths[i], '-');
  out += "-\n";
  for (const auto& line : cells) out += row(line);
  return out + "(" + std::to_string(rows.records.size()) + (rows.records.size() == 1 ? " row)\n" : " rows)\n");
}

}  // namespace iac
}  // namespace awsdirect
