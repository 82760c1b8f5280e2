#pragma once
// Polling until a resource reaches a state, with botocore's waiter semantics: poll at once, then
// every `delay`; each poll is judged success, failure or retry by the service's acceptors; an
// error no acceptor expects ends the wait with that error. Bounded by a timeout, never endless.
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "error.hpp"

namespace awsdirect {

struct WaitProgress {
  int attempt = 0;                        // polls made so far
  std::chrono::milliseconds elapsed{0};   // since the wait began
  std::string state;                      // what the last poll saw ("creating", "ClusterNotFound")
};

struct WaitOptions {
  std::chrono::milliseconds delay{std::chrono::seconds(60)};     // between polls
  std::chrono::milliseconds timeout{std::chrono::minutes(30)};   // botocore: 30 polls 60 s apart
  std::function<void(const WaitProgress&)> onProgress;           // called after every poll
  // Injectable clock and sleep, so tests run a 30-minute wait in microseconds.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::steady_clock::time_point()> now;

  WaitOptions& withDelay(std::chrono::milliseconds d) { delay = d; return *this; }
  WaitOptions& withTimeout(std::chrono::milliseconds t) { timeout = t; return *this; }
  WaitOptions& withProgress(std::function<void(const WaitProgress&)> f) { onProgress = std::move(f); return *this; }
};

enum class WaitVerdict { Success, Failure, Retry };

// What one poll showed: the verdict and a one-word state for progress and error messages.
struct WaitStep {
  WaitVerdict verdict = WaitVerdict::Retry;
  std::string state;
};

// Polls `poll` until `judge` says success (returns the last poll's value), failure or timeout
// (a WaiterError), or the poll fails in a way `judge` does not expect (that error).
template <class T, class Poll, class Judge>
Outcome<T> waitUntil(const std::string& waiterName, const WaitOptions& options, Poll poll, Judge judge) {
  auto now = options.now ? options.now : [] { return std::chrono::steady_clock::now(); };
  auto sleep = options.sleep ? options.sleep : [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  const auto start = now();
  WaitProgress progress;
  for (;;) {
    Outcome<T> outcome = poll();
    ++progress.attempt;
    WaitStep step = judge(outcome);
    progress.state = step.state;
    progress.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now() - start);
    if (options.onProgress) options.onProgress(progress);

    if (step.verdict == WaitVerdict::Success) return outcome;
    if (step.verdict == WaitVerdict::Failure) {
      if (!outcome.ok()) return outcome.error();  // the AWS error itself says most
      return makeError(ErrorKind::Waiter, "WaiterFailed",
                       waiterName + " failed: reached state '" + step.state + "' after " +
                           std::to_string(progress.attempt) + " polls");
    }
    if (progress.elapsed + options.delay > options.timeout) {
      return makeError(ErrorKind::Waiter, "WaiterTimeout",
                       waiterName + " timed out after " + std::to_string(progress.elapsed.count() / 1000) +
                           " s and " + std::to_string(progress.attempt) + " polls; last state '" + step.state + "'");
    }
    sleep(options.delay);
  }
}

}  // namespace awsdirect
