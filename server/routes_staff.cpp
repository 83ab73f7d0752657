// The staff group: login and sessions, user accounts, the audit trail, and
// record corrections. Installs the session Authenticator.

#include <algorithm>
#include <semaphore>

#include "core/award_catalog.h"
#include "core/decision_number.h"
#include "core/error.h"
#include "core/record_json.h"
#include "server/auth.h"
#include "server/rate_limit.h"
#include "server/route_groups.h"
#include "server/session_auth.h"
#include "store/audit.h"
#include "store/certificates.h"
#include "store/records.h"
#include "store/staff_sessions.h"
#include "store/staff_users.h"
#include "text/normalize.h"

namespace sovang::server {

namespace {

// A session lasts a working day; the cookie itself ends with the browser.
constexpr auto kSessionLifetime = std::chrono::hours(8);
constexpr std::size_t kLoginBodyLimit = 4096;
constexpr std::size_t kMaxFieldBytes = 500;

// Failed logins: 5 in 15 minutes per user name and per client address.
struct LoginGuard {
  FailureThrottle per_user{{5, std::chrono::minutes(15), 100000}};
  FailureThrottle per_client{{5, std::chrono::minutes(15), 100000}};
  // argon2id takes 64 MiB per verification: a few at a time.
  std::counting_semaphore<4> hashing{4};
};

std::string UserKey(const std::string& username) {
  std::string key = text::Lower(text::CollapseSpaces(username));
  if (key.size() > 128) key.resize(128);
  return "u:" + key;
}

void TooMany(Response& res, int retry_after) {
  res.SetHeader("Retry-After", std::to_string(retry_after));
  throw Error(Errc::kRateLimited,
              "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau " + std::to_string((retry_after + 59) / 60) + " phút");
}

nlohmann::json UserJson(const store::StaffUser& u) { return store::StaffUserToJson(u); }

void Login(AppContext& app, LoginGuard& guard, const Request& req, Response& res) {
  const nlohmann::json body = req.Json(kLoginBodyLimit);
  if (!body.is_object()) throw Error(Errc::kInvalidArgument, "the body must be {\"username\", \"password\"}");
  const std::string username = StringMember(body, "username");
  const std::string password = StringMember(body, "password");
  const std::string user_key = UserKey(username);
  const std::string client_key = "c:" + req.client_address();
  if (const int wait = std::max(guard.per_user.RetryAfter(user_key), guard.per_client.RetryAfter(client_key))) {
    TooMany(res, wait);
  }

  std::optional<store::StaffUser> user;
  {
    guard.hashing.acquire();
    struct Release {
      std::counting_semaphore<4>& s;
      ~Release() { s.release(); }
    } release{guard.hashing};
    auto db = app.Reader();
    user = store::StaffUsers(*db).Authenticate(username, password);
  }
  if (!user) {
    guard.per_user.RecordFailure(user_key);
    guard.per_client.RecordFailure(client_key);
    throw Error(Errc::kUnauthenticated, "Sai tên đăng nhập hoặc mật khẩu");
  }
  guard.per_user.Reset(user_key);

  store::NewSession session;
  app.Write([&](store::Database& db) {
    session = store::StaffSessions(db).Create(user->id, kSessionLifetime, req.client_address());
  });
  SetCookie cookie;
  cookie.name = std::string(kSessionCookie);
  cookie.value = session.token;
  cookie.secure = app.options().public_url.starts_with("https://");
  res.AddCookie(cookie);
  res.Json(
      {{"csrf_token", CsrfTokenFor(session.token)}, {"user", UserJson(*user)}, {"expires_at", session.expires_at}});
}

void Logout(AppContext& app, const Request& req, Response& res) {
  if (const std::optional<std::string> token = req.Cookie(kSessionCookie); token && !token->empty()) {
    app.Write([&](store::Database& db) { store::StaffSessions(db).End(*token); });
  }
  SetCookie cookie;
  cookie.name = std::string(kSessionCookie);
  cookie.value = "";
  cookie.max_age_seconds = 0;
  cookie.secure = app.options().public_url.starts_with("https://");
  res.AddCookie(cookie);
  res.Json({{"status", "logged_out"}});
}

void Me(const Request& req, Response& res) {
  const Principal& p = *req.principal();
  nlohmann::json body = {{"id", p.user_id}, {"username", p.username}, {"role", p.role}, {"csrf_token", nullptr}};
  if (const std::optional<std::string> token = req.Cookie(kSessionCookie); token && !token->empty()) {
    body["csrf_token"] = CsrfTokenFor(*token);
  }
  res.Json(body);
}

void ListUsers(AppContext& app, const Request&, Response& res) {
  nlohmann::json list = nlohmann::json::array();
  auto db = app.Reader();
  for (const store::StaffUser& u : store::StaffUsers(*db).List()) list.push_back(UserJson(u));
  res.Json({{"users", list}});
}

void AddUser(AppContext& app, const Request& req, Response& res) {
  const nlohmann::json body = req.Json(kLoginBodyLimit);
  const std::string username = StringMember(body, "username");
  const std::string role = StringMember(body, "role");
  const std::string password = StringMember(body, "password");
  store::StaffUser user;
  app.Write([&](store::Database& db) { user = store::StaffUsers(db).Add(username, role, password, ActorOf(req)); });
  res.Json(UserJson(user), 201);
}

void ChangeUser(AppContext& app, const Request& req, Response& res) {
  const std::int64_t id = req.PathParamId("id");
  const nlohmann::json body = req.Json(kLoginBodyLimit);
  if (!body.is_object()) throw Error(Errc::kInvalidArgument, "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (key != "role" && key != "disabled" && key != "password")
      throw Error(Errc::kInvalidArgument, "unknown member '" + key + "' (role, disabled, password)");
  }
  const store::Actor actor = ActorOf(req);
  if (id == actor.user_id && (body.contains("role") || body.value("disabled", false))) {
    throw Error(Errc::kConflict, "an administrator cannot change their own role or disable themselves");
  }
  store::StaffUser user;
  app.Write([&](store::Database& db) {
    store::StaffUsers users(db);
    if (body.contains("role")) users.SetRole(id, StringMember(body, "role"), actor);
    if (body.contains("disabled")) {
      if (!body["disabled"].is_boolean()) throw Error(Errc::kInvalidArgument, "'disabled' must be true or false");
      users.SetDisabled(id, body["disabled"].get<bool>(), actor);
    }
    if (body.contains("password")) users.SetPassword(id, StringMember(body, "password"), actor);
    std::optional<store::StaffUser> found = users.Get(id);
    if (!found) throw Error(Errc::kNotFound, "no user with id " + std::to_string(id));
    user = *found;
  });
  res.Json(UserJson(user));
}

void Audit(AppContext& app, const Request& req, Response& res) {
  const int limit = req.QueryInt("limit", 200, 1, 5000);
  std::vector<store::AuditRow> rows;
  {
    auto db = app.Reader();
    store::AuditLog log(*db);
    if (const auto record = req.Query("record"); record && !record->empty()) {
      rows = log.OfRecord(*record, limit);
    } else if (const auto entity = req.Query("entity"); entity && !entity->empty()) {
      rows = log.OfEntity(*entity, req.Query("id").value_or(""), limit);
    } else {
      rows = log.Recent(limit);
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (const store::AuditRow& row : rows) list.push_back(store::AuditRowToJson(row));
  res.Json({{"entries", list}});
}

void AuditVerify(AppContext& app, const Request&, Response& res) {
  auto db = app.Reader();
  res.Json(store::AuditChainReportToJson(store::VerifyAuditChain(*db)));
}

// The value a correction sets, normalised the way ingest stores it; "" clears.
std::string CorrectedValue(FieldId id, const nlohmann::json& value) {
  const std::string key(FieldKey(id));
  if (value.is_null()) return {};
  if (id == FieldId::kBirthYear) {
    int year = 0;
    if (value.is_number_integer()) {
      year = value.get<int>();
    } else if (value.is_string() && !value.get<std::string>().empty()) {
      const std::string s = text::CollapseSpaces(value.get<std::string>());
      if (s.empty()) return {};
      if (s.find_first_not_of("0123456789") != std::string::npos)
        throw Error(Errc::kInvalidArgument, "birth_year must be a year");
      year = std::stoi(s.substr(0, 6));
    } else if (value.is_string()) {
      return {};
    } else {
      throw Error(Errc::kInvalidArgument, "birth_year must be a year");
    }
    if (year < 1800 || year > 2100) throw Error(Errc::kInvalidArgument, "birth_year out of range");
    return std::to_string(year);
  }
  if (!value.is_string()) throw Error(Errc::kInvalidArgument, "'" + key + "' must be a string or null");
  std::string s = text::CollapseSpaces(text::Nfc(value.get<std::string>()));
  if (s.size() > kMaxFieldBytes) throw Error(Errc::kInvalidArgument, "'" + key + "' is too long");
  if (s.empty()) return {};
  switch (id) {
    case FieldId::kDecisionDate: {
      const std::optional<std::string> iso = ParseDate(s);
      if (!iso) throw Error(Errc::kInvalidArgument, "decision_date is not a date: '" + s + "'");
      return *iso;
    }
    case FieldId::kGender: {
      s = text::Lower(s);
      if (s != "nam" && s != "nữ") throw Error(Errc::kInvalidArgument, "gender is \"nam\" or \"nữ\"");
      return s;
    }
    case FieldId::kAwardCode:
      if (!AwardCatalog::Default().ByCode(s)) throw Error(Errc::kInvalidArgument, "unknown award_code '" + s + "'");
      return s;
    default:
      return s;
  }
}

nlohmann::json RecordWithCertificates(store::Database& db, const Record& record) {
  RecordJsonOptions options;
  options.with_field_detail = true;
  nlohmann::json body = RecordToJson(record, options);
  nlohmann::json certificates = nlohmann::json::array();
  for (const store::Certificate& c : store::Certificates(db).OfRecord(record.id))
    certificates.push_back(store::CertificateToJson(c));
  body["certificates"] = certificates;
  return body;
}

void CorrectRecord(AppContext& app, const Request& req, Response& res) {
  const std::string id = req.PathParam("id");
  const nlohmann::json body = req.Json();
  if (!body.is_object() || body.empty())
    throw Error(Errc::kInvalidArgument, "the body must be an object of field values, e.g. {\"full_name\": \"…\"}");
  std::vector<std::pair<FieldId, std::string>> changes;
  for (const auto& [key, value] : body.items()) {
    const std::optional<FieldId> field = FieldFromKey(key);
    if (!field) throw Error(Errc::kInvalidArgument, "'" + key + "' is not a field of a record");
    changes.emplace_back(*field, CorrectedValue(*field, value));
  }
  const store::Actor actor = ActorOf(req);
  nlohmann::json answer;
  app.Write([&](store::Database& db) {
    std::optional<Record> record = store::Records(db).Get(id);
    if (!record) throw Error(Errc::kNotFound, "no record with id " + id);
    const nlohmann::json before = RecordToJson(*record);
    bool award_code_given = false;
    for (const auto& [field, value] : changes) {
      Field& f = (*record)[field];
      f.value = value;
      f.verbatim = value;
      f.confidence = value.empty() ? 0.0 : 1.0;
      award_code_given = award_code_given || field == FieldId::kAwardCode;
    }
    // A corrected award name brings its catalog code along.
    const bool award_changed =
        std::any_of(changes.begin(), changes.end(), [](const auto& c) { return c.first == FieldId::kAward; });
    if (award_changed && !award_code_given) {
      const AwardForm* form = AwardCatalog::Default().ByName(record->value(FieldId::kAward));
      Field& code = (*record)[FieldId::kAwardCode];
      code.value = form ? form->code : "";
      code.verbatim = code.value;
      code.confidence = form ? 1.0 : 0.0;
    }
    record->review = ReviewState::kReviewed;
    UpdateRecordConfidence(*record);
    store::Records(db).Put(*record);
    const nlohmann::json after = RecordToJson(*record);

    nlohmann::json old_values = nlohmann::json::object(), new_values = nlohmann::json::object();
    for (const auto& [key, value] : after.items()) {
      if (key == "confidence" || key == "source" || key == "id") continue;
      if (before.value(key, nlohmann::json()) != value) {
        old_values[key] = before.value(key, nlohmann::json());
        new_values[key] = value;
      }
    }
    store::AuditLog(db).Append(actor, {"record.correct", "record", id, id, old_values, new_values});
    answer = RecordWithCertificates(db, *record);
  });
  res.Json(answer);
}

}  // namespace

void RegisterStaffRoutes(Router& router, AppContext& app) {
  app.SetAuthenticator(std::make_unique<SessionAuthenticator>(app));
  auto guard = std::make_shared<LoginGuard>();
  const Access admin = Access::Roles({Access::kAdmin});
  const Access correctors = Access::Roles({Access::kArchivist, Access::kVerifier, Access::kAdmin});

  router.Post("/api/login", Access::kPublic,
              [&app, guard](const Request& req, Response& res) { Login(app, *guard, req, res); });
  router.Post("/api/logout", Access::kPublic, [&app](const Request& req, Response& res) { Logout(app, req, res); });
  router.Get("/api/me", Access::kAnyStaff, Me);

  router.Get("/api/users", admin, [&app](const Request& req, Response& res) { ListUsers(app, req, res); });
  router.Post("/api/users", admin, [&app](const Request& req, Response& res) { AddUser(app, req, res); });
  router.Add("PATCH", "/api/users/{id}", admin,
             [&app](const Request& req, Response& res) { ChangeUser(app, req, res); });

  router.Get("/api/audit", admin, [&app](const Request& req, Response& res) { Audit(app, req, res); });
  router.Get("/api/audit/verify", admin, [&app](const Request& req, Response& res) { AuditVerify(app, req, res); });

  router.Add("PATCH", "/api/records/{id}", correctors,
             [&app](const Request& req, Response& res) { CorrectRecord(app, req, res); });
}

}  // namespace sovang::server
