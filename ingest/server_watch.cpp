#include "ingest/server_watch.h"

#include "ocr/step_aside.h"

namespace sovang::ingest {

ServerWatch::ServerWatch(const ArchiveLayout& layout, Options options)
    : layout_(layout), options_(options), thread_([this] { Run(); }) {}

ServerWatch::~ServerWatch() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  stopped_.notify_all();
  thread_.join();
  ocr::AskToStepAside(false);
}

void ServerWatch::Run() {
  std::unique_ptr<ServerActivity> server;
  ServerActivity::Reading last;
  std::int64_t aside_until = 0;  // CLOCK_MONOTONIC ns, as the readings
  std::int64_t aside_since = 0;
  bool aside = false;
  const std::int64_t quiet_ns = std::chrono::nanoseconds(options_.quiet).count();
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (!server) {
      server = ServerActivity::Open(layout_, /*create=*/false);
      if (!server) {  // no server on the archive yet: look again now and then
        stopped_.wait_for(lock, options_.look_for_server);
        continue;
      }
      last = server->Read();
    }
    stopped_.wait_for(lock, options_.period);
    const ServerActivity::Reading now = server->Read();
    const auto elapsed = static_cast<double>(now.at_ns - last.at_ns);
    const bool busy = elapsed > 0 && static_cast<double>(now.busy_ns - last.busy_ns) > options_.share * elapsed;
    last = now;
    if (busy) {
      aside_until = now.at_ns + quiet_ns;
      if (!aside) asked_.fetch_add(1, std::memory_order_relaxed);
    }
    const bool want = busy || now.at_ns < aside_until;
    if (want != aside) {
      aside = want;
      ocr::AskToStepAside(want);
      if (want) {
        aside_since = now.at_ns;
      } else {
        aside_ns_.fetch_add(now.at_ns - aside_since, std::memory_order_relaxed);
      }
    }
  }
  if (aside) aside_ns_.fetch_add(ServerActivity::Now() - aside_since, std::memory_order_relaxed);
  ocr::AskToStepAside(false);
}

}  // namespace sovang::ingest
