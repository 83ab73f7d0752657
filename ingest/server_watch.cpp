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
  using Clock = std::chrono::steady_clock;
  std::unique_ptr<ServerActivity> server;
  Clock::time_point next_look{};
  bool aside = false;
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (!server) {
      server = ServerActivity::Open(layout_, /*create=*/false);
      // No server on the archive yet: look again now and then, nothing to watch meanwhile.
      if (!server) {
        stopped_.wait_for(lock, options_.look_for_server);
        continue;
      }
    }
    const bool busy = server->Busy(options_.quiet);
    if (busy != aside) {
      aside = busy;
      ocr::AskToStepAside(busy);
      if (busy) asked_.fetch_add(1, std::memory_order_relaxed);
    }
    stopped_.wait_for(lock, options_.period);
  }
  ocr::AskToStepAside(false);
}

}  // namespace sovang::ingest
