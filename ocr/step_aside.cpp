#include "ocr/step_aside.h"

#include <atomic>

namespace sovang::ocr {
namespace {

std::atomic<bool> asked{false};
std::atomic<long> pauses{0};
std::atomic<long long> paused_ns{0};

}  // namespace

void AskToStepAside(bool on) {
  if (asked.exchange(on, std::memory_order_relaxed) == on) return;
  if (!on) asked.notify_all();
}

bool AskedToStepAside() { return asked.load(std::memory_order_relaxed); }

void StepAsideIfAsked() {
  if (!asked.load(std::memory_order_relaxed)) return;
  const auto start = std::chrono::steady_clock::now();
  // A futex wait: the thread leaves the CPU at once and is woken the moment
  // AskToStepAside(false) is called.
  asked.wait(true, std::memory_order_relaxed);
  pauses.fetch_add(1, std::memory_order_relaxed);
  paused_ns.fetch_add(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count(),
      std::memory_order_relaxed);
}

long StepAsidePauses() { return pauses.load(std::memory_order_relaxed); }

std::chrono::nanoseconds TimeSteppedAside() {
  return std::chrono::nanoseconds(paused_ns.load(std::memory_order_relaxed));
}

}  // namespace sovang::ocr
