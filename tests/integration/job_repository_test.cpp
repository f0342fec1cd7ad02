// The job repository and the work queue against the real PostgreSQL: launch rules (duplicate,
// complete, stale, live, simultaneous) and claims (disjoint, stale takeover).
#include "jobs/job_repository.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <set>
#include <thread>

#include "core/court_registry.h"
#include "importer/importer.h"
#include "jobs/work_queue.h"
#include "support/scratch_db.h"

namespace zhixing::jobs {
namespace {

using testing::ScratchDatabase;

JobInstanceKey nightly_key(const std::string& date = "2024-12-31") {
  return {"nightly", "business_date=" + date, "{\"business_date\": \"" + date + "\"}"};
}

class JobRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
  }
  void age_heartbeat(long long execution_id, int seconds) {
    const double secs = seconds;  // bound by reference: no temporary
    *sql_ << "update job_executions set heartbeat_at = now() - make_interval(secs => :s) where id "
             "= :id",
        soci::use(secs), soci::use(execution_id);
  }
  std::unique_ptr<soci::session> sql_;
};

TEST_F(JobRepositoryTest, ALaunchWhileRunningIsRefusedNamingWhoAndSince) {
  JobRepository repo(*sql_);
  LaunchOptions options;
  options.started_by = "王书记员";
  LaunchResult first = repo.launch(nightly_key(), options);
  ASSERT_EQ(first.outcome, LaunchOutcome::launched);
  LaunchResult second = repo.launch(nightly_key(), {});
  EXPECT_EQ(second.outcome, LaunchOutcome::already_running);
  ASSERT_TRUE(second.holder);
  EXPECT_EQ(second.holder->id, first.execution_id);
  EXPECT_EQ(second.holder->started_by, "王书记员");
  EXPECT_EQ(second.holder->pid, static_cast<int>(getpid()));
  EXPECT_FALSE(second.holder->started_at.empty());
  // Another business date is another instance.
  EXPECT_EQ(repo.launch(nightly_key("2025-01-01"), {}).outcome, LaunchOutcome::launched);
}

TEST_F(JobRepositoryTest, ACompletedInstanceIsReportedCompleteUnlessRerun) {
  JobRepository repo(*sql_);
  LaunchResult first = repo.launch(nightly_key(), {});
  repo.finish(first.execution_id, "completed", 0, "");
  LaunchResult again = repo.launch(nightly_key(), {});
  EXPECT_EQ(again.outcome, LaunchOutcome::already_complete);
  ASSERT_TRUE(again.holder);
  EXPECT_EQ(again.holder->id, first.execution_id);
  LaunchOptions rerun;
  rerun.rerun = true;
  LaunchResult third = repo.launch(nightly_key(), rerun);
  EXPECT_EQ(third.outcome, LaunchOutcome::launched);
  EXPECT_EQ(third.restart_of, first.execution_id);
}

TEST_F(JobRepositoryTest, AFailedExecutionIsRestartedAsANewExecution) {
  JobRepository repo(*sql_);
  LaunchResult first = repo.launch(nightly_key(), {});
  repo.finish(first.execution_id, "failed", 1, "skip limit");
  LaunchResult second = repo.launch(nightly_key(), {});
  ASSERT_EQ(second.outcome, LaunchOutcome::launched);
  EXPECT_EQ(second.instance_id, first.instance_id);
  EXPECT_EQ(second.restart_of, first.execution_id);
  EXPECT_FALSE(second.abandoned);
}

TEST_F(JobRepositoryTest, AStaleExecutionIsAbandonedAndTheInstanceRestarted) {
  JobRepository repo(*sql_);
  LaunchResult first = repo.launch(nightly_key(), {});
  age_heartbeat(first.execution_id, 600);
  LaunchOptions options;
  options.stale_after_seconds = 60;
  LaunchResult second = repo.launch(nightly_key(), options);
  ASSERT_EQ(second.outcome, LaunchOutcome::launched);
  EXPECT_EQ(second.abandoned, first.execution_id);
  EXPECT_EQ(repo.execution(first.execution_id)->status, "abandoned");
  EXPECT_NE(repo.execution(first.execution_id)->message.find("心跳停止"), std::string::npos);
}

// A process of this machine that is gone (kill -9) is taken over at once, whatever its heartbeat; a
// pid now used by a process with another start time is gone too.
TEST_F(JobRepositoryTest, AnExecutionWhoseProcessIsGoneOnThisMachineIsTakenOverAtOnce) {
  JobRepository repo(*sql_);
  LaunchResult first = repo.launch(nightly_key(), {});
  ExecutionInfo recorded = *repo.execution(first.execution_id);
  EXPECT_EQ(recorded.boot_id, this_process().boot_id);
  EXPECT_EQ(recorded.boot_id.size(), 36u) << recorded.boot_id;
  EXPECT_EQ(recorded.process_start, *process_start_ticks(getpid()));
  EXPECT_FALSE(process_is_gone(recorded)) << "this very process";

  // A child that has exited: its pid is free.
  pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  const int child_pid = static_cast<int>(child);
  *sql_ << "update job_executions set pid = :p where id = :id", soci::use(child_pid),
      soci::use(first.execution_id);
  LaunchOptions options;
  options.stale_after_seconds = 3600;  // the heartbeat is fresh: only the process check decides
  LaunchResult second = repo.launch(nightly_key(), options);
  ASSERT_EQ(second.outcome, LaunchOutcome::launched);
  EXPECT_EQ(second.abandoned, first.execution_id);
  EXPECT_TRUE(second.abandoned_process_gone);
  EXPECT_NE(repo.execution(first.execution_id)->message.find("已不存在"), std::string::npos)
      << repo.execution(first.execution_id)->message;

  // The pid exists (this process) but started at another time: a reused pid.
  *sql_ << "update job_executions set process_start = process_start - 1 where id = :id",
      soci::use(second.execution_id);
  LaunchResult third = repo.launch(nightly_key(), options);
  ASSERT_EQ(third.outcome, LaunchOutcome::launched);
  EXPECT_EQ(third.abandoned, second.execution_id);
}

TEST_F(JobRepositoryTest, AnotherMachinesExecutionKeepsTheHeartbeatRule) {
  JobRepository repo(*sql_);
  LaunchResult first = repo.launch(nightly_key(), {});
  // Recorded on another machine (another boot id) with a pid that is free here.
  pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  // Named values: SOCI binds by reference and runs the statement after the expression's
  // temporaries are gone.
  const int child_pid = static_cast<int>(child);
  *sql_ << "update job_executions set pid = :p, host = 'other-host',"
           " boot_id = '00000000-0000-0000-0000-000000000000' where id = :id",
      soci::use(child_pid), soci::use(first.execution_id);
  LaunchOptions options;
  options.stale_after_seconds = 60;
  EXPECT_EQ(repo.launch(nightly_key(), options).outcome, LaunchOutcome::already_running);
  // An execution recorded before the process identity was kept: the heartbeat rule too.
  const std::string this_host = host_name();
  *sql_ << "update job_executions set host = :h, boot_id = null, pid_namespace = null,"
           " process_start = null where id = :id",
      soci::use(this_host), soci::use(first.execution_id);
  EXPECT_EQ(repo.launch(nightly_key(), options).outcome, LaunchOutcome::already_running);
  age_heartbeat(first.execution_id, 120);
  LaunchResult stale = repo.launch(nightly_key(), options);
  EXPECT_EQ(stale.outcome, LaunchOutcome::launched);
  EXPECT_FALSE(stale.abandoned_process_gone);
}

TEST(ProcessIdentity, StartTicksAreField22OfProcStat) {
  auto self = process_start_ticks(getpid());
  ASSERT_TRUE(self);
  EXPECT_GT(*self, 0);
  EXPECT_EQ(process_start_ticks(getpid()), self) << "stable";
  EXPECT_FALSE(process_start_ticks(0));
  EXPECT_FALSE(process_start_ticks(-1));
  EXPECT_LE(*process_start_ticks(1), *self) << "init started first";
}

TEST_F(JobRepositoryTest, ALiveExecutionWithAHeartbeatIsNeverTakenOver) {
  JobRepository repo(*sql_);
  LaunchResult first = repo.launch(nightly_key(), {});
  {
    Heartbeat beat(ScratchDatabase::target().runtime_url, first.execution_id, 0,
                   heartbeat_interval(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(4000));
    LaunchOptions options;
    options.stale_after_seconds = 2;
    EXPECT_EQ(repo.launch(nightly_key(), options).outcome, LaunchOutcome::already_running)
        << "beating for 4 s with stale_after 2 s: still live";
  }
  // Without the beat it goes stale.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  LaunchOptions options;
  options.stale_after_seconds = 2;
  EXPECT_EQ(repo.launch(nightly_key(), options).outcome, LaunchOutcome::launched);
}

// Eight sessions launch the same instance at the same moment: exactly one wins; the same when
// they all restart a stale execution at once.
TEST_F(JobRepositoryTest, OfSimultaneousLaunchesExactlyOneWinsOnFirstLaunchAndRestart) {
  for (int round = 0; round < 2; ++round) {
    const int n = 8;
    std::barrier start(n);
    std::atomic<int> launched{0}, running{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
      threads.emplace_back([&] {
        auto sql = ScratchDatabase::runtime();
        JobRepository repo(*sql);
        LaunchOptions options;
        options.stale_after_seconds = 60;
        start.arrive_and_wait();
        auto r = repo.launch(nightly_key(), options);
        (r.outcome == LaunchOutcome::launched          ? launched
         : r.outcome == LaunchOutcome::already_running ? running
                                                       : other)++;
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(launched.load(), 1) << "round " << round;
    EXPECT_EQ(running.load(), n - 1) << "round " << round;
    EXPECT_EQ(other.load(), 0);
    long long running_rows = 0;
    *sql_ << "select count(*) from job_executions where status = 'running'",
        soci::into(running_rows);
    EXPECT_EQ(running_rows, 1);
    // Make the winner stale for the restart round.
    *sql_ << "update job_executions set heartbeat_at = now() - interval '10 minutes' where status "
             "= 'running'";
  }
  long long executions = 0;
  *sql_ << "select count(*) from job_executions", soci::into(executions);
  EXPECT_EQ(executions, 2);
}

class WorkQueueTest : public JobRepositoryTest {
 protected:
  void SetUp() override {
    JobRepositoryTest::SetUp();
    CourtRegistry courts = load_courts(ScratchDatabase::settings());
    std::string lines;
    for (int i = 1; i <= 3; ++i) {
      testing::LineOptions o;
      o.case_number = "（2024）冀0633执" + std::to_string(i) + "号";
      lines += testing::case_line(o) + "\n";
    }
    std::string path = testing::write_temp_file("cases.jsonl", lines);
    Importer importer(*sql_, courts);
    ASSERT_EQ(importer.import_file(path, [](const RejectedLine&) {}).inserted, 3);
    JobRepository repo(*sql_);
    launched_ = repo.launch(nightly_key(), {});
    soci::rowset<long long> ids = (sql_->prepare << "select id from cases order by id");
    for (long long id : ids) case_ids_.push_back(id);
  }
  std::vector<PlannedItem> items(int per_case) {
    std::vector<PlannedItem> out;
    for (size_t c = 0; c < case_ids_.size(); ++c)
      for (int p = 1; p <= per_case; ++p)
        out.push_back({case_ids_[c], "（2024）冀0633执" + std::to_string(c + 1) + "号", "notice",
                       *Date::parse_iso("2024-03-06"), p, c == 2 ? 0 : 1});
    return out;
  }
  LaunchResult launched_;
  std::vector<long long> case_ids_;
};

TEST_F(WorkQueueTest, PlanningTheSameItemTwiceQueuesItOnce) {
  WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
  EXPECT_EQ(queue.plan(items(10)), 30);
  EXPECT_EQ(queue.plan(items(12)), 6);
  EXPECT_EQ(queue.counts().pending, 36);
}

TEST_F(WorkQueueTest, LivelihoodItemsAreClaimedFirst) {
  WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
  queue.plan(items(2));
  JobRepository repo(*sql_);
  long long worker = repo.register_worker(launched_.execution_id, "launcher");
  auto first = queue.claim(worker, 2, 60);
  ASSERT_EQ(first.size(), 2u);
  for (const auto& it : first) EXPECT_EQ(it.case_number, "（2024）冀0633执3号");
}

// Four workers claim in small batches at once: every item is claimed exactly once.
TEST_F(WorkQueueTest, ConcurrentClaimsAreDisjointAndCoverTheQueue) {
  {
    WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
    queue.plan(items(100));
  }
  std::mutex mutex;
  std::multiset<long long> seen;
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w)
    threads.emplace_back([&] {
      auto sql = ScratchDatabase::runtime();
      JobRepository repo(*sql);
      WorkQueue queue(*sql, launched_.instance_id, "render-documents");
      long long worker = repo.register_worker(launched_.execution_id, "worker");
      for (int guard = 0; guard < 1000; ++guard) {
        auto claimed = queue.claim(worker, 7, 60);
        if (claimed.empty()) break;
        for (const auto& it : claimed) {
          EXPECT_TRUE(queue.complete(it, worker, launched_.execution_id, "written", std::nullopt));
          std::lock_guard lock(mutex);
          seen.insert(it.id);
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(seen.size(), 300u);
  std::set<long long> distinct(seen.begin(), seen.end());
  EXPECT_EQ(distinct.size(), 300u) << "no item claimed twice";
  WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
  EXPECT_EQ(queue.counts().done, 300);
  long long max_attempts = 0;
  *sql_ << "select max(attempts) from work_items", soci::into(max_attempts);
  EXPECT_EQ(max_attempts, 1);
}

TEST_F(WorkQueueTest, ItemsHeldByAStaleWorkerAreTakenOverAndItsLateCompletionIsRefused) {
  WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
  queue.plan(items(1));
  JobRepository repo(*sql_);
  long long dead = repo.register_worker(launched_.execution_id, "worker");
  long long alive = repo.register_worker(launched_.execution_id, "worker");
  auto held = queue.claim(dead, 3, 60);
  ASSERT_EQ(held.size(), 3u);
  EXPECT_TRUE(queue.claim(alive, 3, 60).empty()) << "a live worker's claims stay its own";
  *sql_ << "update job_workers set heartbeat_at = now() - interval '5 minutes' where id = :id",
      soci::use(dead);
  auto taken = queue.claim(alive, 3, 60);
  EXPECT_EQ(taken.size(), 3u);
  EXPECT_FALSE(queue.complete(held[0], dead, launched_.execution_id, "written", std::nullopt))
      << "the stale worker no longer owns the item";
  EXPECT_TRUE(queue.complete(taken[0], alive, launched_.execution_id, "written", std::nullopt));
}

TEST_F(WorkQueueTest, FailedItemsAreTriedAgainByTheNextExecution) {
  WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
  queue.plan(items(1));
  JobRepository repo(*sql_);
  long long worker = repo.register_worker(launched_.execution_id, "launcher");
  for (const auto& it : queue.claim(worker, 3, 60))
    queue.fail(it, worker, launched_.execution_id, "missing_glyph");
  EXPECT_EQ(queue.counts().failed, 3);
  repo.finish(launched_.execution_id, "failed", 1, "");
  ASSERT_EQ(repo.launch(nightly_key(), {}).outcome, LaunchOutcome::launched);
  EXPECT_EQ(queue.counts().pending, 3);
}

// A worker without the seal's token claims only the unsealed kinds (the filter), and the
// launcher sees which kinds are still to do before it renders (open_kinds).
TEST_F(WorkQueueTest, AKindFilterClaimsOnlyThoseKindsAndOpenKindsNamesWhatIsLeft) {
  WorkQueue queue(*sql_, launched_.instance_id, "render-documents");
  std::vector<PlannedItem> planned = items(1);  // notice
  for (size_t c = 0; c < case_ids_.size(); ++c)
    planned.push_back({case_ids_[c], "（2024）冀0633执" + std::to_string(c + 1) + "号",
                       "settlement", *Date::parse_iso("2024-04-01"), 1, 1});
  ASSERT_EQ(queue.plan(planned), 6);
  EXPECT_EQ(queue.open_kinds(), (std::vector<std::string>{"notice", "settlement"}));
  JobRepository repo(*sql_);
  long long worker = repo.register_worker(launched_.execution_id, "worker");
  const std::vector<std::string> unsealed = {"settlement"};
  auto claimed = queue.claim(worker, 10, 60, unsealed);
  ASSERT_EQ(claimed.size(), 3u);
  for (const auto& it : claimed) {
    EXPECT_EQ(it.kind, "settlement");
    EXPECT_TRUE(queue.complete(it, worker, launched_.execution_id, "written", std::nullopt));
  }
  EXPECT_TRUE(queue.claim(worker, 10, 60, unsealed).empty()) << "the notices stay in the queue";
  EXPECT_TRUE(queue.claim(worker, 10, 60, std::vector<std::string>{}).empty());
  EXPECT_EQ(queue.open_kinds(), (std::vector<std::string>{"notice"}));
  EXPECT_EQ(queue.claim(worker, 10, 60).size(), 3u) << "no filter: every kind";
}

}  // namespace
}  // namespace zhixing::jobs
