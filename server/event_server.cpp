#include "server/event_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace sovang::server {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::size_t kReadChunk = 64 * 1024;

std::string PeerAddress(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
  } else if (address.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
  }
  return text;
}

class Loop;

struct Connection {
  int fd = -1;
  Loop* loop = nullptr;
  std::string client;
  std::string in;               // bytes read, not yet answered
  std::string out;              // bytes to send
  std::size_t out_sent = 0;
  int file = -1;                // a file answer, sent after `out`
  off_t file_offset = 0;
  std::size_t file_left = 0;
  bool close_after = false;     // once everything is sent
  std::optional<RequestHead> head;  // of a request whose body is still coming
  std::size_t head_length = 0;
  bool continue_sent = false;
  bool eof = false;             // the client will send no more
  Clock::time_point last_active;
  bool in_worker = false;       // owned by a worker (guarded by the loop's mutex)

  ~Connection() {
    if (file >= 0) ::close(file);
    if (fd >= 0) ::close(fd);
  }
  bool idle() const { return in.empty() && out_sent == out.size() && file_left == 0; }
};

enum class Sent { kAll, kBlocked, kFailed };

// Calls `write` (a send or a sendfile: bytes written, or -1 with errno)
// until `left` bytes are gone or the socket is full.
template <typename Write>
Sent Pump(Connection& c, std::size_t& left, Write write) {
  while (left > 0) {
    const ssize_t n = write(left);
    if (n > 0) {
      left -= static_cast<std::size_t>(n);
      c.last_active = Clock::now();
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return Sent::kBlocked;
    } else {
      return Sent::kFailed;  // a sendfile of 0: the file shrank under us
    }
  }
  return Sent::kAll;
}

// Sends what is waiting: the buffered bytes, then the file.
Sent Flush(Connection& c) {
  std::size_t out_left = c.out.size() - c.out_sent;
  const Sent buffered = Pump(c, out_left, [&c](std::size_t left) {
    return ::send(c.fd, c.out.data() + (c.out.size() - left), left, MSG_NOSIGNAL);
  });
  c.out_sent = c.out.size() - out_left;
  if (buffered != Sent::kAll) return buffered;
  c.out.clear();
  c.out_sent = 0;
  const Sent file = Pump(c, c.file_left, [&c](std::size_t left) {
    return ::sendfile(c.fd, c.file, &c.file_offset, std::min<std::size_t>(left, 1 << 20));
  });
  if (file != Sent::kAll) return file;
  if (c.file >= 0) {
    ::close(c.file);
    c.file = -1;
  }
  return Sent::kAll;
}

enum class Read { kSome, kNothing, kClosed };

Read ReadSome(Connection& c) {
  char buffer[kReadChunk];
  bool some = false;
  for (;;) {
    const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      c.in.append(buffer, static_cast<std::size_t>(n));
      some = true;
      if (static_cast<std::size_t>(n) < sizeof buffer) break;  // drained, most likely
    } else if (n == 0) {
      c.eof = true;
      break;
    } else if (errno == EINTR) {
      continue;
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      break;
    } else {
      return Read::kClosed;
    }
  }
  if (!some) return c.eof ? Read::kClosed : Read::kNothing;
  c.last_active = Clock::now();
  return Read::kSome;
}

// Puts an answer in the connection's output (after any before it).
void Queue(Connection& c, const FramedRequest& request, const Response& response, bool stopping) {
  const bool keep_alive = request.keep_alive && !stopping;
  const bool head_only = request.method == "HEAD";
  if (response.file()) {
    const int file = ::open(response.file()->c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (file < 0 || ::fstat(file, &st) != 0) {
      if (file >= 0) ::close(file);
      // Vanished between the handler's check and now: nothing was sent yet.
      Response missing;
      missing.JsonError(Errc::kNotFound, "file vanished");
      Queue(c, request, missing, stopping);
      return;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    c.out += ResponseHead(response, size, keep_alive, request.http10);
    if (head_only || size == 0) {
      ::close(file);
    } else {
      c.file = file;
      c.file_offset = 0;
      c.file_left = size;
    }
  } else {
    c.out += ResponseHead(response, response.body().size(), keep_alive, request.http10);
    if (!head_only) c.out += response.body();
  }
  if (!keep_alive) c.close_after = true;
}

// An answer the connection layer gives itself, closing after it.
void QueueError(Connection& c, int status, const std::string& message) {
  c.in.clear();
  c.head.reset();
  c.out += ErrorAnswer(status, message);
  c.close_after = true;
}

struct Job {
  Connection* connection;
  FramedRequest request;
  std::int64_t begun;  // ServerActivity::Begin's, when there is one
};

}  // namespace

struct EventServer::Impl {
  Impl(int listen_fd, RequestAnswerer& answerer, const EventServerOptions& options);
  ~Impl();
  void Stop();

  // Frames the next request of `c` from its input: the request when it is
  // all there; nullopt when more must come (or an error answer was queued).
  std::optional<FramedRequest> Frame(Connection& c);
  // Answers on the loop when quick, else hands `c` to a worker: false then.
  bool Dispatch(Connection& c, FramedRequest request);
  void Work();

  int listen_fd;
  RequestAnswerer& answerer;
  const EventServerOptions options;
  std::vector<std::unique_ptr<Loop>> loops;
  std::atomic<std::size_t> next_loop{0};
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};
  bool stopped = false;

  std::mutex jobs_mu;
  std::condition_variable jobs_ready;
  std::deque<Job> jobs;
  bool jobs_closed = false;
  std::vector<std::thread> workers;
};

namespace {

// One event loop: its own epoll set, its connections, its thread.
class Loop {
 public:
  Loop(EventServer::Impl& server, bool accepts) : server_(server), accepts_(accepts) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wake_ < 0) throw Error(Errc::kIo, std::string("cannot create an event loop: ") + std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = &wake_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    if (accepts_ && !WatchListener(true))
      throw Error(Errc::kIo, std::string("cannot watch the listening socket: ") + std::strerror(errno));
  }
  ~Loop() {
    conns_.clear();
    ::close(wake_);
    ::close(epoll_);
  }

  void Start() { thread_ = std::thread([this] { Run(); }); }
  void StopAccepting() {
    if (accepts_) WatchListener(false);
  }
  void Quit() {
    quit_ = true;
    Wake();
    if (thread_.joinable()) thread_.join();
  }

  // A new connection (any thread): watched from now on.
  void Adopt(int fd, std::string client) {
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    c->loop = this;
    c->client = std::move(client);
    c->last_active = Clock::now();
    Connection* raw = c.get();
    std::lock_guard lock(mu_);
    conns_.emplace(raw, std::move(c));
    Arm(*raw, EPOLLIN, EPOLL_CTL_ADD);
  }

  // A worker is done with `c`: the loop takes it back.
  void Return(Connection& c, bool more_to_do) {
    std::lock_guard lock(mu_);
    c.in_worker = false;
    c.last_active = Clock::now();
    Arm(c, more_to_do ? EPOLLOUT : EPOLLIN);
  }

  void GiveToWorker(Connection& c) {
    std::lock_guard lock(mu_);
    c.in_worker = true;
  }

 private:
  // Adds the listening socket to this loop's epoll set, or takes it out.
  bool WatchListener(bool on) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = &server_.listen_fd;
    return ::epoll_ctl(epoll_, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, server_.listen_fd, &ev) == 0;
  }

  void Wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof one);
  }

  void Arm(Connection& c, std::uint32_t events, int op = EPOLL_CTL_MOD) {
    epoll_event ev{};
    ev.events = events | EPOLLONESHOT | EPOLLRDHUP;
    ev.data.ptr = &c;
    ::epoll_ctl(epoll_, op, c.fd, &ev);
  }

  void Close(Connection& c) {
    std::lock_guard lock(mu_);
    CloseLocked(c);
  }
  void CloseLocked(Connection& c) {
    conns_.erase(&c);  // closes its socket, which leaves the epoll set
    server_.connections.fetch_sub(1);
  }

  // Out of file descriptors (or memory), accept() fails while the listening
  // socket stays readable: watching it would spin the loop. It is left
  // alone for a moment (connections closing meanwhile free descriptors), and
  // the clients wait in the backlog.
  void PauseAccepting(int error) {
    const auto now = Clock::now();
    if (now - last_accept_warning_ > std::chrono::seconds(10)) {  // once a while, not every pause
      last_accept_warning_ = now;
      std::cerr << "sovang serve: accept failed (" << std::strerror(error) << "), " << server_.connections.load()
                << " connections open; pausing new connections a moment at a time\n";
    }
    WatchListener(false);
    accept_paused_until_ = now + std::chrono::milliseconds(250);
  }
  void ResumeAcceptingWhenDue() {
    if (!accept_paused_until_ || Clock::now() < *accept_paused_until_) return;
    accept_paused_until_.reset();
    if (!server_.stopping) WatchListener(true);
  }

  void Run() {
    epoll_event events[128];
    auto last_sweep = Clock::now();
    while (!quit_) {
      const int n = ::epoll_wait(epoll_, events, 128, accept_paused_until_ ? 50 : 1000);
      ServerActivity* activity = n > 0 ? server_.options.activity : nullptr;
      const std::int64_t begun = activity != nullptr ? activity->Begin() : 0;
      for (int i = 0; i < n && !quit_; ++i) {
        void* tag = events[i].data.ptr;
        if (tag == &wake_) {
          std::uint64_t count = 0;
          [[maybe_unused]] const ssize_t r = ::read(wake_, &count, sizeof count);
        } else if (tag == &server_.listen_fd) {
          Accept();
        } else {
          Advance(*static_cast<Connection*>(tag));
        }
      }
      if (activity != nullptr) activity->End(begun);
      if (Clock::now() - last_sweep >= std::chrono::milliseconds(250)) {
        Sweep();
        last_sweep = Clock::now();
      }
      ResumeAcceptingWhenDue();
    }
  }

  void Accept() {
    for (;;) {
      sockaddr_storage address{};
      socklen_t length = sizeof address;
      const int fd = ::accept4(server_.listen_fd, reinterpret_cast<sockaddr*>(&address), &length,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) PauseAccepting(errno);
        return;
      }
      if (server_.connections.load() >= server_.options.max_connections || server_.stopping) {
        ::close(fd);
        continue;
      }
      const int on = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
      server_.connections.fetch_add(1);
      Loop& owner = *server_.loops[server_.next_loop.fetch_add(1) % server_.loops.size()];
      owner.Adopt(fd, PeerAddress(address));
    }
  }

  // Moves a connection on as far as it goes without waiting: sends what is
  // waiting, answers each whole request, reads what came. It reads once a
  // turn: a client that asks again as soon as it is answered (a benchmark, a
  // script) would otherwise keep its loop to itself while the loop's other
  // connections wait; with the socket re-armed, it queues behind them.
  void Advance(Connection& c) {
    bool read_once = false;
    for (;;) {
      const Sent sent = Flush(c);
      if (sent == Sent::kFailed) return Close(c);
      if (sent == Sent::kBlocked) return Arm(c, EPOLLOUT);
      if (c.close_after) return Close(c);
      std::optional<FramedRequest> request = server_.Frame(c);
      if (!request) {
        if (!c.out.empty() || c.close_after) continue;  // 100-continue or an error answer to send
        if (c.eof) return Close(c);
        if (read_once) return Arm(c, EPOLLIN);
        read_once = true;
        const Read read = ReadSome(c);
        if (read == Read::kClosed) return Close(c);
        if (read == Read::kNothing) return Arm(c, EPOLLIN);
        continue;
      }
      if (!server_.Dispatch(c, std::move(*request))) return;  // a worker has it now
    }
  }

  // Closes connections idle past the keep-alive timeout, or stuck mid-request
  // or mid-answer past the request timeout.
  void Sweep() {
    const auto now = Clock::now();
    std::lock_guard lock(mu_);
    std::vector<Connection*> expired;
    for (auto& [raw, c] : conns_) {
      if (c->in_worker) continue;
      const auto limit = c->idle() ? server_.options.keep_alive : server_.options.request_timeout;
      if (now - c->last_active > limit) expired.push_back(raw);
    }
    for (Connection* c : expired) CloseLocked(*c);
  }

  EventServer::Impl& server_;
  const bool accepts_;
  int epoll_ = -1;
  int wake_ = -1;
  std::atomic<bool> quit_{false};
  std::optional<Clock::time_point> accept_paused_until_;  // the accepting loop's
  Clock::time_point last_accept_warning_{};
  std::mutex mu_;  // conns_ and each connection's in_worker
  std::unordered_map<Connection*, std::unique_ptr<Connection>> conns_;
  std::thread thread_;
};

}  // namespace

EventServer::Impl::Impl(int fd, RequestAnswerer& a, const EventServerOptions& o)
    : listen_fd(fd), answerer(a), options(o) {
  const int flags = ::fcntl(listen_fd, F_GETFL, 0);
  ::fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK);
  const int count = options.loops > 0 ? options.loops : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < count; ++i) loops.push_back(std::make_unique<Loop>(*this, i == 0));
  for (int i = 0; i < std::max(1, options.workers); ++i) workers.emplace_back([this] { Work(); });
  for (auto& loop : loops) loop->Start();
}

EventServer::Impl::~Impl() { Stop(); }

void EventServer::Impl::Stop() {
  if (stopped) return;
  stopped = true;
  stopping = true;
  loops.front()->StopAccepting();
  {
    std::lock_guard lock(jobs_mu);
    jobs_closed = true;
  }
  jobs_ready.notify_all();
  for (std::thread& t : workers) t.join();  // what they hold is answered and sent
  for (auto& loop : loops) loop->Quit();
  loops.clear();  // closes every connection
}

std::optional<FramedRequest> EventServer::Impl::Frame(Connection& c) {
  if (!c.head) {
    if (c.in.empty()) return std::nullopt;
    // A head not ended yet counts all that came.
    const std::optional<std::size_t> length = RequestHeadLength(c.in);
    if (length.value_or(c.in.size()) > options.max_head_bytes) {
      QueueError(c, 431, "request head too large");
      return std::nullopt;
    }
    if (!length) return std::nullopt;
    try {
      c.head = ParseRequestHead(std::string_view(c.in).substr(0, *length), options.max_body_bytes);
    } catch (const WireError& e) {
      QueueError(c, e.status(), e.what());
      return std::nullopt;
    }
    c.head_length = *length;
    c.continue_sent = false;
  }
  const std::size_t total = c.head_length + c.head->content_length;
  if (c.in.size() < total) {
    if (c.head->expects_continue && !c.continue_sent && !c.head->request.http10) {
      c.out += kContinue;
      c.continue_sent = true;
    }
    return std::nullopt;
  }
  FramedRequest request = std::move(c.head->request);
  request.body = c.in.substr(c.head_length, c.head->content_length);
  request.client_address = c.client;
  c.in.erase(0, total);
  c.head.reset();
  return request;
}

bool EventServer::Impl::Dispatch(Connection& c, FramedRequest request) {
  Response response;
  if (answerer.Answer(request, response, /*quick_only=*/true)) {
    Queue(c, request, response, stopping);
    return true;
  }
  std::lock_guard lock(jobs_mu);
  if (jobs_closed) {  // stopping: nobody to answer it
    c.close_after = true;
    return true;
  }
  c.loop->GiveToWorker(c);
  // Begun here, ended by the worker: the wait in the queue is answering too.
  const std::int64_t begun = options.activity != nullptr ? options.activity->Begin() : 0;
  jobs.push_back(Job{&c, std::move(request), begun});
  jobs_ready.notify_one();
  return false;
}

void EventServer::Impl::Work() {
  for (;;) {
    std::optional<Job> job;
    {
      std::unique_lock lock(jobs_mu);
      jobs_ready.wait(lock, [this] { return jobs_closed || !jobs.empty(); });
      if (jobs.empty()) return;
      job.emplace(std::move(jobs.front()));
      jobs.pop_front();
    }
    Connection& c = *job->connection;
    Response response;
    answerer.Answer(job->request, response, /*quick_only=*/false);
    Queue(c, job->request, response, stopping);
    const Sent sent = Flush(c);
    if (options.activity != nullptr) options.activity->End(job->begun);
    // Anything left (an answer not all sent, a pipelined request, a close)
    // is the loop's to do: it is woken at once, the socket being writable.
    c.loop->Return(c, sent != Sent::kAll || !c.in.empty() || c.close_after);
  }
}

EventServer::EventServer(int listen_fd, RequestAnswerer& answerer, const EventServerOptions& options)
    : impl_(std::make_unique<Impl>(listen_fd, answerer, options)) {}
EventServer::~EventServer() = default;
void EventServer::Stop() { impl_->Stop(); }

}  // namespace sovang::server
