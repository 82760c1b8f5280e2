#pragma once
// Polling until a resource reaches a state, with botocore's waiter semantics: poll at once, then
// every `delay`; each poll is judged success, failure or retry by the service's acceptors; an
// error no acceptor expects ends the wait with that error. Bounded by a timeout, never endless.
// A waiter returns what it waited for: the resource in its final state, or Gone for a deletion.
#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "error.hpp"

namespace awsdirect {

struct WaitProgress {
  int attempt = 0;                        // polls made so far
  std::chrono::milliseconds elapsed{0};   // since the wait began
  std::string state;                      // what the last poll saw ("creating", "ClusterNotFound")
};

struct WaitOptions {
  // Between polls, and for the whole wait. Unset: the waiter's own pace, botocore's (Redshift's
  // ClusterAvailable: every 60 s, 30 times; S3's BucketExists: every 5 s, 20 times).
  std::optional<std::chrono::milliseconds> delay;
  std::optional<std::chrono::milliseconds> timeout;
  std::function<void(const WaitProgress&)> onProgress;  // called after every poll
  // Injectable clock and sleep, so tests run a 30-minute wait in microseconds.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::steady_clock::time_point()> now;

  WaitOptions& withDelay(std::chrono::milliseconds d) { delay = d; return *this; }
  WaitOptions& withTimeout(std::chrono::milliseconds t) { timeout = t; return *this; }
  WaitOptions& withProgress(std::function<void(const WaitProgress&)> f) { onProgress = std::move(f); return *this; }
};

// A waiter's own pace, from botocore's waiters-2.json: a poll every `delay`, at most `maxAttempts`.
struct WaiterPace {
  std::chrono::seconds delay;
  int maxAttempts;
};

// What a wait for deletion ends with: the resource is gone, and how that was seen.
struct Gone {
  std::string resource;  // "redshift-cluster"
  std::string evidence;  // what the last poll saw: "ClusterNotFound", "404"
  int polls = 0;
  std::chrono::milliseconds elapsed{0};
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
Outcome<T> waitUntil(const std::string& waiterName, const WaitOptions& options, WaiterPace pace, Poll poll, Judge judge) {
  auto now = options.now ? options.now : [] { return std::chrono::steady_clock::now(); };
  auto sleep = options.sleep ? options.sleep : [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  const std::chrono::milliseconds delay = options.delay.value_or(pace.delay);
  // maxAttempts polls: the last comes (maxAttempts - 1) delays after the first.
  const std::chrono::milliseconds timeout = options.timeout.value_or(pace.delay * (pace.maxAttempts - 1));
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
    if (progress.elapsed + delay > timeout) {
      return makeError(ErrorKind::Waiter, "WaiterTimeout",
                       waiterName + " timed out after " + std::to_string(progress.elapsed.count() / 1000) +
                           " s and " + std::to_string(progress.attempt) + " polls; last state '" + step.state + "'");
    }
    sleep(delay);
  }
}

// botocore's usual acceptors for one resource: its state (stateOf) is a success or a failure
// state, or it is polled again; an error whose code is listed is polled again, any other ends the wait.
template <class T>
struct StateAcceptors {
  std::function<std::string(const T&)> stateOf;
  std::vector<std::string> success;
  std::vector<std::string> failure;
  std::vector<std::string> retryErrors;

  WaitStep operator()(const Outcome<T>& polled) const {
    auto listed = [](const std::vector<std::string>& list, const std::string& s) {
      return std::find(list.begin(), list.end(), s) != list.end();
    };
    if (!polled) {
      const std::string& code = polled.error().code;
      return {listed(retryErrors, code) ? WaitVerdict::Retry : WaitVerdict::Failure, code};
    }
    std::string state = stateOf(polled.value());
    if (listed(success, state)) return {WaitVerdict::Success, std::move(state)};
    if (listed(failure, state)) return {WaitVerdict::Failure, std::move(state)};
    return {WaitVerdict::Retry, std::move(state)};
  }
};

template <class T, class Poll>
Outcome<T> waitForState(const std::string& waiterName, const WaitOptions& options, WaiterPace pace, Poll poll,
                        const StateAcceptors<T>& acceptors) {
  return waitUntil<T>(waiterName, options, pace, poll, acceptors);
}

// Waits for a resource to go: the poll `judge` calls a success (typically one that failed with
// the service's NotFound code) ends the wait with Gone.
template <class T, class Poll, class Judge>
Outcome<Gone> waitUntilGone(const std::string& waiterName, const std::string& resource, const WaitOptions& options,
                            WaiterPace pace, Poll poll, Judge judge) {
  WaitProgress last;
  WaitOptions tracked = options;
  tracked.onProgress = [&](const WaitProgress& progress) {
    last = progress;
    if (options.onProgress) options.onProgress(progress);
  };
  bool gone = false;
  auto outcome = waitUntil<T>(waiterName, tracked, pace, poll, [&](const Outcome<T>& polled) {
    WaitStep step = judge(polled);
    gone = step.verdict == WaitVerdict::Success;
    return step;
  });
  if (!gone) return outcome.error();
  return Gone{resource, last.state, last.attempt, last.elapsed};
}

}  // namespace awsdirect
