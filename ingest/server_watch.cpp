#include "ingest/server_watch.h"

#include "ocr/step_aside.h"

namespace sovang::ingest {

ServerWatch::ServerWatch(const ArchiveLayout& layout, Options options)
    : layout_(layout), options_(options), thread_([this] { Run(); }) {}

ServerWatch::~ServerWatch() {
  stop_ = true;
  thread_.join();
  ocr::AskToStepAside(false);
}

void ServerWatch::Run() {
  using Clock = std::chrono::steady_clock;
  std::unique_ptr<ServerActivity> server;
  Clock::time_point next_look{};
  bool aside = false;
  while (!stop_.load(std::memory_order_relaxed)) {
    if (!server && Clock::now() >= next_look) {
      server = ServerActivity::Open(layout_, /*create=*/false);
      next_look = Clock::now() + options_.look_for_server;
    }
    const bool busy = server && server->Busy(options_.quiet);
    if (busy != aside) {
      aside = busy;
      ocr::AskToStepAside(busy);
      if (busy) asked_.fetch_add(1, std::memory_order_relaxed);
    }
    std::this_thread::sleep_for(options_.period);
  }
  ocr::AskToStepAside(false);
}

}  // namespace sovang::ingest
