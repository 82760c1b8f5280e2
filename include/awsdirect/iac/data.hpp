#pragma once
// Data into an environment's Redshift cluster through the Data API: COPY from S3 with the role
// made for it, and SQL whose result is shown as a table. No driver, no route to port 5439, no
// password: the Data API signs in as the master user with temporary credentials (DbUser).
#include <string>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../redshift_data.hpp"
#include "../waiter.hpp"

namespace awsdirect {
namespace iac {

// Where statements run and as whom.
struct SqlTarget {
  std::string clusterIdentifier;
  std::string database = "dev";
  std::string dbUser = "awsuser";
};

struct Load {
  std::string table;          // "sales" or "public.sales": letters, digits, underscores
  std::string createColumns;  // "id int, name varchar(20)": CREATE TABLE IF NOT EXISTS first; empty: none
  std::string s3Uri;          // "s3://bucket/key"
  std::string roleArn;        // the role Redshift assumes to read the bucket
};

// The rules a load's parts must meet before anything is sent (the table a plain identifier, the
// URI an s3:// one, the role an IAM role ARN); throws ValidationError naming the part.
AWSDIRECT_DECL void validateLoad(const Load& load);
// COPY table FROM 's3://...' IAM_ROLE 'arn:...' CSV, quotes doubled.
AWSDIRECT_DECL std::string copyStatement(const Load& load);

struct LoadResult {
  std::string statementId;
  long long rowsLoaded = 0;  // pg_last_copy_count()
};

// Runs [CREATE TABLE IF NOT EXISTS,] COPY and SELECT pg_last_copy_count() as one batch (one
// session, one transaction), waits for it, and returns the rows loaded. A failed COPY is a
// StatementFailed error whose message adds STL_LOAD_ERRORS's line, column and reason when
// Redshift recorded them.
AWSDIRECT_DECL Outcome<LoadResult> loadFromS3(RedshiftData& data, const SqlTarget& target, const Load& load,
                                              const WaitOptions& options = {});

// Runs one statement, waits for it, and returns its rows (none for a statement without a result set).
AWSDIRECT_DECL Outcome<redshiftdata::Rows> runSql(RedshiftData& data, const SqlTarget& target, const std::string& sql,
                                                  const WaitOptions& options = {});

// Rows as a text table, psql's way: a header, a rule, aligned columns, "(N rows)".
AWSDIRECT_DECL std::string formatTable(const redshiftdata::Rows& rows);

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/data.ipp"
#endif
