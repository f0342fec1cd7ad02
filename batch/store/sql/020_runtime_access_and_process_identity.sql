-- 020: (1) the runtime role may read which migrations are applied, so that a runtime process
-- can tell whether the schema is current without the owner's credential (store/database.cpp);
-- (2) each execution records the identity of its process: the machine's boot id, and the
-- process's start time (field 22 of /proc/<pid>/stat, clock ticks since boot), so that a launch
-- on the same machine can see at once that the recorded process is gone (jobs/job_repository).
grant select on schema_migrations to zhixing_app;

alter table job_executions add column boot_id text;
alter table job_executions add column process_start bigint;
-- the process's PID namespace (/proc/self/ns/pid): containers share a kernel, and so a boot id,
-- but not their process ids
alter table job_executions add column pid_namespace text;
