// The console's failed-login throttle: per address across names, per (name, address), never per
// name alone; charged before the password is checked, so racing attempts cannot slip through.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/web/login_throttle.h"

namespace zhixing::app::web {
namespace {

using Clock = LoginThrottle::Clock;

LoginThrottle make(int per_pair = 5, int per_address = 20) {
  return LoginThrottle({per_pair, per_address, std::chrono::seconds(300)});
}

TEST(LoginThrottle, FiveFailuresOfOneNameFromOneAddressHoldItBackThere) {
  auto t = make();
  const auto now = Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(t.begin("陈静", "10.0.0.1", now));
  EXPECT_FALSE(t.begin("陈静", "10.0.0.1", now));
  // not the same name from another address: no lock-out from elsewhere
  EXPECT_TRUE(t.begin("陈静", "10.0.0.2", now));
  // nor another name from that address
  EXPECT_TRUE(t.begin("王会计", "10.0.0.1", now));
}

TEST(LoginThrottle, OneAddressSprayingNamesIsHeldBackAcrossNames) {
  auto t = make(5, 20);
  const auto now = Clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(t.begin("name" + std::to_string(i), "10.0.0.9", now));
  EXPECT_FALSE(t.begin("name-new", "10.0.0.9", now));
  EXPECT_TRUE(t.begin("name-new", "10.0.0.8", now));
}

TEST(LoginThrottle, FailuresExpireAfterTheWindow) {
  auto t = make();
  const auto now = Clock::now();
  for (int i = 0; i < 5; ++i) t.begin("陈静", "10.0.0.1", now);
  EXPECT_FALSE(t.begin("陈静", "10.0.0.1", now + std::chrono::seconds(299)));
  EXPECT_TRUE(t.begin("陈静", "10.0.0.1", now + std::chrono::seconds(301)));
}

TEST(LoginThrottle, ASuccessTakesItsChargeBackAndForgetsTheNamesFailuresOnly) {
  auto t = make(5, 6);
  const auto now = Clock::now();
  for (int i = 0; i < 4; ++i) t.begin("陈静", "10.0.0.1", now);
  const auto ok_at = now + std::chrono::seconds(1);
  ASSERT_TRUE(t.begin("陈静", "10.0.0.1", ok_at));
  t.succeeded("陈静", "10.0.0.1", ok_at);
  // the name may fail five times again from there; the address keeps its four failures
  EXPECT_TRUE(t.begin("陈静", "10.0.0.1", ok_at));
  EXPECT_TRUE(t.begin("陈静", "10.0.0.1", ok_at));
  EXPECT_FALSE(t.begin("王会计", "10.0.0.1", ok_at));  // 4 + 2 = the address's 6
}

TEST(LoginThrottle, RacingAttemptsGetExactlyTheLimit) {
  auto t = make(5, 100);
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  const auto now = Clock::now();
  for (int i = 0; i < 32; ++i)
    threads.emplace_back([&] {
      if (t.begin("陈静", "10.0.0.1", now)) ++admitted;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(admitted.load(), 5);
}

}  // namespace
}  // namespace zhixing::app::web
