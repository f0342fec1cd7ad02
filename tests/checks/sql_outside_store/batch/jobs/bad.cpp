// a job may not
void touch(soci::session& sql) { sql << "update cases set status = 'x'"; }
