// a repository may speak SQL
int count(soci::session& sql) { int n = 0; sql << "select count(*) from cases", soci::into(n); return n; }
