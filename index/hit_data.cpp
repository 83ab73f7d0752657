#include "index/hit_data.h"

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/record_json.h"

namespace sovang::index {

namespace {

constexpr char kFormat = '\x01';

void PutVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

std::uint64_t ZigZag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
std::int64_t UnZigZag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

// Reads the binary form; every read checks the bounds, so a damaged document
// fails to decode instead of reading past its data.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool Varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= data_.size()) return false;
      const auto byte = static_cast<unsigned char>(data_[at_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }
  template <typename T>
  bool Unsigned(T& out) {
    std::uint64_t v = 0;
    if (!Varint(v)) return false;
    out = static_cast<T>(v);
    return true;
  }
  bool Signed(int& out) {
    std::uint64_t v = 0;
    if (!Varint(v)) return false;
    out = static_cast<int>(UnZigZag(v));
    return true;
  }
  bool String(std::string& out) {
    std::uint64_t n = 0;
    if (!Varint(n) || n > data_.size() - at_) return false;
    out.assign(data_.substr(at_, n));
    at_ += n;
    return true;
  }
  bool Byte(unsigned char& out) {
    if (at_ >= data_.size()) return false;
    out = static_cast<unsigned char>(data_[at_++]);
    return true;
  }
  bool Double(double& out) {
    if (data_.size() - at_ < 8) return false;
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(data_[at_ + i])) << (8 * i);
    at_ += 8;
    std::memcpy(&out, &bits, sizeof out);
    return true;
  }
  bool AtEnd() const { return at_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t at_ = 0;
};

std::optional<Record> DecodeBinary(std::string_view data) {
  Reader in(data.substr(1));
  Record r;
  std::uint64_t present = 0;
  if (!in.String(r.id) || !in.Varint(present) || present >> kFieldCount) return std::nullopt;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (!(present >> i & 1)) continue;
    Field& f = r.fields[i];
    if (!in.String(f.value)) return std::nullopt;
    f.verbatim = f.value;
    f.confidence = 1.0;
  }
  unsigned char kind = 0, review = 0;
  if (!in.Byte(kind) || kind > static_cast<unsigned char>(PageKind::kOther) || !in.Byte(review) ||
      review > static_cast<unsigned char>(ReviewState::kReviewed) || !in.Double(r.confidence))
    return std::nullopt;
  r.kind = static_cast<PageKind>(kind);
  r.review = static_cast<ReviewState>(review);
  SourceRef& s = r.source;
  if (!in.String(s.file) || !in.String(s.sha256) || !in.Unsigned(s.page) || !in.Unsigned(s.row) || !in.Unsigned(s.page_id) ||
      !in.Signed(s.bbox.x) || !in.Signed(s.bbox.y) || !in.Signed(s.bbox.w) || !in.Signed(s.bbox.h) || !in.AtEnd())
    return std::nullopt;
  return r;
}

std::optional<Record> DecodeJson(std::string_view data) {
  const nlohmann::json json = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::nullopt;
  try {
    return RecordFromJson(json);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

std::string EncodeHitData(const Record& r) {
  std::string out;
  out.reserve(256);
  out.push_back(kFormat);
  PutString(out, r.id);
  std::uint64_t present = 0;
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (r.fields[i].present()) present |= std::uint64_t{1} << i;
  PutVarint(out, present);
  for (const Field& f : r.fields)
    if (f.present()) PutString(out, f.value);
  out.push_back(static_cast<char>(r.kind));
  out.push_back(static_cast<char>(r.review));
  std::uint64_t bits = 0;
  std::memcpy(&bits, &r.confidence, sizeof bits);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(bits >> (8 * i) & 0xFF));
  PutString(out, r.source.file);
  PutString(out, r.source.sha256);
  PutVarint(out, static_cast<std::uint64_t>(r.source.page));
  PutVarint(out, static_cast<std::uint64_t>(r.source.row));
  PutVarint(out, static_cast<std::uint64_t>(r.source.page_id));
  for (const int v : {r.source.bbox.x, r.source.bbox.y, r.source.bbox.w, r.source.bbox.h}) PutVarint(out, ZigZag(v));
  return out;
}

std::optional<Record> DecodeHitData(std::string_view data) {
  if (data.empty()) return std::nullopt;
  if (data.front() == kFormat) return DecodeBinary(data);
  if (data.front() == '{') return DecodeJson(data);
  return std::nullopt;
}

}  // namespace sovang::index
