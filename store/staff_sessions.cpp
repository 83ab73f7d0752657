#include "store/staff_sessions.h"

#include "core/error.h"
#include "crypto/hash.h"
#include "store/database_impl.h"

namespace sovang::store {

namespace {

using detail::kNow;
constexpr std::size_t kMaxTokenBytes = 256;

}  // namespace

NewSession StaffSessions::Create(std::int64_t user_id, std::chrono::seconds lifetime, const std::string& client) {
  NewSession session;
  session.token = crypto::RandomToken(32);
  const std::string modifier = std::to_string(lifetime.count()) + " seconds";
  db_.Transaction([&] {
    Prune();
    Statement& st = db_.Prepare(
        "INSERT INTO staff_sessions(token_hash, user_id, client, created_at, expires_at) VALUES (?, ?, ?, " +
        std::string(kNow) + ", strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)) RETURNING expires_at");
    detail::ResetOnExit reset(st);
    st.Bind(1, crypto::Sha256Hex(session.token)).Bind(2, user_id).Bind(3, client).Bind(4, modifier);
    st.Step();
    session.expires_at = st.Text(0);
  });
  return session;
}

std::optional<SessionInfo> StaffSessions::Lookup(const std::string& token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return std::nullopt;
  Statement& st = db_.Prepare(
      "SELECT u.id, u.username, u.role, u.disabled, u.created_at, u.updated_at, s.created_at, s.expires_at "
      "FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id "
      "WHERE s.token_hash = ? AND s.expires_at > " +
      std::string(kNow) + " AND u.disabled = 0");
  detail::ResetOnExit reset(st);
  st.Bind(1, crypto::Sha256Hex(token));
  if (!st.Step()) return std::nullopt;
  SessionInfo info;
  info.user.id = st.Int(0);
  info.user.username = st.Text(1);
  info.user.role = st.Text(2);
  info.user.disabled = st.Int(3) != 0;
  info.user.created_at = st.Text(4);
  info.user.updated_at = st.Text(5);
  info.created_at = st.Text(6);
  info.expires_at = st.Text(7);
  return info;
}

bool StaffSessions::End(const std::string& token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return false;
  db_.Prepare("DELETE FROM staff_sessions WHERE token_hash = ?").Bind(1, crypto::Sha256Hex(token)).Run();
  return db_.Changes() > 0;
}

int StaffSessions::EndAllOf(std::int64_t user_id) {
  db_.Prepare("DELETE FROM staff_sessions WHERE user_id = ?").Bind(1, user_id).Run();
  return db_.Changes();
}

int StaffSessions::Prune() {
  db_.Prepare("DELETE FROM staff_sessions WHERE expires_at <= " + std::string(kNow)).Run();
  return db_.Changes();
}

}  // namespace sovang::store
