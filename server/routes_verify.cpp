// Public certificate verification: one code (or one set of printed numbers)
// at a time, from the store (never the index), answering only what the
// certificate prints, rate-limited per client and logged.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.h"
#include "crypto/hash.h"
#include "crypto/verification_code.h"
#include "server/answer_cache.h"
#include "server/rate_limit.h"
#include "server/route_groups.h"
#include "server/static_files.h"
#include "store/certificates.h"
#include "store/verification_log.h"
#include "text/html_escape.h"

namespace sovang::server {

namespace {

constexpr std::size_t kMaxTyped = 200;  // longer input is not a code
constexpr std::size_t kMaxPendingLogs = 100000;
constexpr auto kGather = std::chrono::milliseconds(20);

// Log rows are written by a thread of their own, in one transaction per
// round of waiting rows, into the log's own file (store/verification_log.h):
// an answer never waits for a commit (nor for a WAL checkpoint), the log costs
// one commit per round, not one per lookup, and its commits leave the store's
// readers' page caches alone. Rows still waiting when the server stops are
// written before it does.
class VerificationLogWriter {
 public:
  explicit VerificationLogWriter(const ArchiveLayout& layout) : layout_(layout), thread_([this] { Run(); }) {}
  ~VerificationLogWriter() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  VerificationLogWriter(const VerificationLogWriter&) = delete;
  VerificationLogWriter& operator=(const VerificationLogWriter&) = delete;

  void Add(store::VerificationLogEntry entry) {
    bool was_empty;
    {
      std::lock_guard<std::mutex> lock(mu_);
      was_empty = pending_.empty();
      pending_.push_back(std::move(entry));
      if (pending_.size() > kMaxPendingLogs) pending_.pop_front();
    }
    if (was_empty) wake_.notify_one();
  }

 private:
  void Run() {
    Ready();  // before the first lookups: an older archive's rows move now
    std::vector<store::VerificationLogEntry> batch;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping, nothing left
      // Let a round gather: under load a commit per few rows would cost more
      // than the lookups (the rows land within kGather all the same).
      wake_.wait_for(lock, kGather, [this] { return stopping_; });
      batch.assign(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
      pending_.clear();
      lock.unlock();
      const bool written = Write(batch);
      lock.lock();
      if (written) {
        batch.clear();
        continue;
      }
      // The rows go back, before any that came meanwhile, and wait a while
      // (the log may be busy or its disk full); at stop, one last try.
      pending_.insert(pending_.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
      while (pending_.size() > kMaxPendingLogs) pending_.pop_front();
      batch.clear();
      if (stopping_) {
        batch.assign(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
        pending_.clear();
        lock.unlock();
        Write(batch);
        return;
      }
      wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
    }
  }

  // Opens the log and takes over the rows an older archive kept in sovang.db
  // (once, before any row of its own). False, with a message, while that
  // fails (e.g. an ingest holding sovang.db past the busy timeout).
  bool Ready() {
    try {
      if (!log_) log_.emplace(store::VerificationLog::Open(layout_.verification_log_db()));
      if (!adopted_) {
        const std::int64_t moved = log_->AdoptRowsFrom(layout_.db());
        if (moved > 0)
          std::cerr << "sovang serve: " << moved << " verification log rows moved to "
                    << layout_.verification_log_db().string() << "\n";
        adopted_ = true;
      }
      return true;
    } catch (const std::exception& e) {
      std::cerr << "sovang serve: verification log not ready: " << e.what() << "\n";
      return false;
    }
  }

  bool Write(const std::vector<store::VerificationLogEntry>& batch) {
    if (!Ready()) return false;
    try {
      log_->Append(batch);
      return true;
    } catch (const std::exception& e) {
      std::cerr << "sovang serve: verification log deferred (" << batch.size() << " rows): " << e.what() << "\n";
      return false;
    }
  }

  const ArchiveLayout layout_;
  std::optional<store::VerificationLog> log_;  // this thread's alone
  bool adopted_ = false;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<store::VerificationLogEntry> pending_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

// A verification as the API answers it. Code verifications are kept while the
// store is unchanged (server/answer_cache.h): one certificate is checked again
// and again (its QR code scanned at a counter, a page reloaded), and an answer
// from memory skips the store's B-trees, the pages they read and the JSON.
struct VerifiedCode {
  store::Verification verification;
  std::string json;
};
std::size_t AnswerBytes(const VerifiedCode& answer) {
  // The printed fields are about what the JSON holds.
  return 2 * answer.json.size();
}
using Verified = std::shared_ptr<const VerifiedCode>;

Verified Describe(store::Verification v) {
  std::string json = JsonText(store::VerificationToJson(v));
  return std::make_shared<const VerifiedCode>(VerifiedCode{std::move(v), std::move(json)});
}

// ~40,000 answers: every certificate a province verifies in a busy day.
constexpr std::size_t kVerifiedCodesBytes = 16u << 20;

struct VerifyState {
  VerifyState(AppContext& app, const ServerOptions& options)
      : per_minute(options.verify_per_minute),
        limiter({static_cast<double>(std::min(10, std::max(1, options.verify_per_minute))),
                 options.verify_per_minute / 60.0, 100000}),
        log(app.layout()),
        answers(kVerifiedCodesBytes),
        not_a_code(Describe({})) {}
  // Lookups a minute per client address (0: no limit), in bursts of up to 10.
  int per_minute;
  TokenBucket limiter;
  VerificationLogWriter log;
  AnswerCache<VerifiedCode> answers;  // by canonical code, at the store's version
  const Verified not_a_code;
};

void Admit(VerifyState& state, const Request& req, Response& res) {
  if (state.per_minute <= 0) return;
  if (const int wait = state.limiter.Take(req.client_address())) {
    res.SetHeader("Retry-After", std::to_string(wait));
    throw Error(Errc::kRateLimited,
                "Quá nhiều lượt tra cứu từ địa chỉ này; vui lòng thử lại sau " + std::to_string(wait) + " giây.");
  }
}

std::string Clip(std::string s) {
  if (s.size() > kMaxTyped) s.resize(kMaxTyped);
  return s;
}

Verified LookupCode(AppContext& app, VerifyState& state, const Request& req, const std::string& typed) {
  const std::string clipped = Clip(typed);
  const std::optional<std::string> code = crypto::ParseVerificationCode(clipped);
  Verified answer = state.not_a_code;
  if (code) {
    // The version before the look: an answer made after it is at least as
    // new as the store at that version, and any commit since moves it.
    const std::string version = std::to_string(app.StoreVersion());
    answer = state.answers.Find(*code, version);
    if (!answer) {
      {
        auto db = app.Reader();
        answer = Describe(store::Certificates(*db).VerifyCode(*code));
      }
      state.answers.Insert(*code, version, answer);
    }
  }
  state.log.Add({req.client_address(), "code", crypto::Sha256Hex(code.value_or(clipped)), nullptr,
                 answer->verification.status, answer->verification.certificate_id});
  return answer;
}

Verified LookupNumbers(AppContext& app, VerifyState& state, const Request& req) {
  const std::string decision = Clip(req.Query("decision").value_or(""));
  const std::string date = Clip(req.Query("date").value_or(""));
  const std::string book = Clip(req.Query("book").value_or(""));
  if (decision.empty() || date.empty() || book.empty()) {
    throw Error(Errc::kInvalidArgument,
                "Cần đủ số quyết định (decision), ngày quyết định (date) và số sổ vàng (book).");
  }
  store::Verification v;
  {
    auto db = app.Reader();
    v = store::Certificates(*db).VerifyNumbers(decision, date, book);
  }
  state.log.Add(
      {req.client_address(),
       "numbers",
       "",
       {{"decision", decision}, {"date", date}, {"book", book}},
       v.status,
       v.certificate_id});
  return Describe(std::move(v));
}

// --- the HTML answer -------------------------------------------------------

// "1975-08-10" -> "10/08/1975"
std::string ShowDate(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

struct StatusText {
  const char* title;
  const char* explanation;
};

StatusText TextOf(const std::string& status) {
  if (status == "valid") return {"Hợp lệ", "Bằng này có trong hồ sơ lưu trữ khen thưởng và đang có hiệu lực."};
  if (status == "superseded")
    return {"Đã được thay thế",
            "Bằng này có trong hồ sơ lưu trữ nhưng đã được thay thế bằng một bằng cấp đổi hoặc cấp lại. "
            "Bằng đang có hiệu lực mang mã xác minh khác."};
  if (status == "revoked") return {"Đã bị thu hồi", "Bằng này đã bị thu hồi và không còn hiệu lực."};
  return {"Không tìm thấy",
          "Không có bằng nào khớp với thông tin đã nhập trong hồ sơ lưu trữ. Vui lòng kiểm tra lại mã hoặc các "
          "số in trên bằng."};
}

std::string ResultPage(const store::Verification& v) {
  const StatusText text = TextOf(v.status);
  std::string html =
      "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n"
      "<title>Kết quả xác minh — Sổ vàng</title>\n<link rel=\"stylesheet\" href=\"/verify.css\">\n</head>\n"
      "<body>\n<main class=\"verify\">\n<h1>Xác minh hiện vật khen thưởng</h1>\n"
      "<section class=\"result status-" +
      v.status + "\" data-status=\"" + v.status +
      "\">\n"
      "<h2>" +
      text.title + "</h2>\n<p>" + text.explanation + "</p>\n";
  if (v.status != "unknown") {
    html += "<dl>\n";
    auto row = [&html](const char* label, const std::string& value) {
      if (!value.empty()) html += "<dt>" + std::string(label) + "</dt><dd>" + text::HtmlEscape(value) + "</dd>\n";
    };
    row("Mã xác minh", v.code);
    row("Loại bằng", v.kind == "original" ? "Bằng gốc" : "Bằng cấp đổi, cấp lại");
    row("Người được khen thưởng", v.recipient);
    row("Hình thức khen thưởng", v.award);
    row("Số quyết định", v.decision_number);
    row("Ngày quyết định", ShowDate(v.decision_date));
    row("Cấp quyết định", v.authority);
    html += "</dl>\n";
  }
  html +=
      "</section>\n<p class=\"note\">Trang này chỉ cho biết những gì in trên bằng. Mỗi lượt tra cứu được ghi "
      "lại.</p>\n<p><a href=\"/verify\">Tra cứu bằng khác</a></p>\n</main>\n</body>\n</html>\n";
  return html;
}

bool WantsJson(const Request& req) {
  const std::string accept = req.Header("Accept").value_or("");
  return accept.find("application/json") != std::string::npos && accept.find("text/html") == std::string::npos;
}

void Answer(Response& res, const Verified& answer, bool json) {
  if (json) {
    res.Bytes(answer->json, std::string(kJsonContentType));
  } else {
    res.Html(ResultPage(answer->verification));
  }
  res.SetHeader("Cache-Control", "no-store");
}

void FormPage(AppContext& app, Response& res) {
  const auto page = ResolveStaticFile(app.options().web_dir, "/verify.html");
  if (!page) throw Error(Errc::kNotFound, "missing web page verify.html");
  res.File(*page, ContentTypeFor(*page));
}

}  // namespace

// Every route here is quick (Pace::kQuick): a lookup is an answer kept in
// memory or two B-tree reads of the store, and its log row is written by a
// thread of its own, so it is answered on the event loop that read the
// request.
void RegisterVerifyRoutes(Router& router, AppContext& app) {
  auto state = std::make_shared<VerifyState>(app, app.options());

  router.Get("/api/verify/{code}", Access::kPublic, [&app, state](const Request& req, Response& res) {
    Admit(*state, req, res);
    Answer(res, LookupCode(app, *state, req, req.PathParam("code")), true);
  }, Pace::kQuick);
  router.Get("/api/verify", Access::kPublic, [&app, state](const Request& req, Response& res) {
    Admit(*state, req, res);
    if (const auto code = req.Query("code"); code && !code->empty()) {
      Answer(res, LookupCode(app, *state, req, *code), true);
      return;
    }
    Answer(res, LookupNumbers(app, *state, req), true);
  }, Pace::kQuick);

  router.Get("/verify/{code}", Access::kPublic, [&app, state](const Request& req, Response& res) {
    Admit(*state, req, res);
    Answer(res, LookupCode(app, *state, req, req.PathParam("code")), WantsJson(req));
  }, Pace::kQuick);
  // The form; with ?code= it sends a well-formed code to its page, and with
  // ?decision=&date=&book= it answers for the printed numbers.
  router.Get("/verify", Access::kPublic, [&app, state](const Request& req, Response& res) {
    if (const auto code = req.Query("code"); code && !code->empty()) {
      if (const auto canonical = crypto::ParseVerificationCode(Clip(*code))) {
        res.Redirect("/verify/" + *canonical);
        return;
      }
      Admit(*state, req, res);
      Answer(res, LookupCode(app, *state, req, *code), WantsJson(req));
      return;
    }
    if (req.Query("decision") || req.Query("date") || req.Query("book")) {
      Admit(*state, req, res);
      Answer(res, LookupNumbers(app, *state, req), WantsJson(req));
      return;
    }
    FormPage(app, res);
  }, Pace::kQuick);
}

}  // namespace sovang::server
