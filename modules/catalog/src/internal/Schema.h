#pragma once

namespace tessera::internal {

class Database;

//! Brings the schema from its PRAGMA user_version up to Catalog::kSchemaVersion, one
//! migration at a time, inside the caller's transaction.
void migrate(Database& db);

} // namespace tessera::internal
