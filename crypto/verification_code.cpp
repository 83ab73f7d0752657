#include "crypto/verification_code.h"

#include <array>
#include <cstdint>

#include "core/error.h"
#include "crypto/hash.h"

namespace sovang::crypto {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Crockford's check symbols: the alphabet plus five more for values 32..36.
constexpr std::string_view kCheckAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

// The value of a (possibly mistyped) data symbol, or -1.
int SymbolValue(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'I' || c == 'L') c = '1';
  if (c == 'O') c = '0';
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

int CheckValue(char c) {
  if (c == 'u') c = 'U';
  if (const int v = SymbolValue(c); v >= 0) return v;
  const auto pos = kCheckAlphabet.find(c, 32);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool IsSeparator(char c) { return c == '-' || c == ' ' || c == '\t' || c == '.' || c == '_'; }

int Mod37(std::string_view data_symbols) {
  int r = 0;
  for (const char c : data_symbols) {
    const int v = SymbolValue(c);
    if (v < 0) throw Error(Errc::kInvalidArgument, std::string("verification code: bad symbol '") + c + "'");
    r = (r * 32 + v) % 37;
  }
  return r;
}

}  // namespace

char CodeCheckSymbol(std::string_view data_symbols) { return kCheckAlphabet[Mod37(data_symbols)]; }

std::string FormatVerificationCode(std::string_view data_symbols) {
  if (data_symbols.size() != kCodeDataSymbols)
    throw Error(Errc::kInvalidArgument,
                "verification code: expected 16 symbols, got " + std::to_string(data_symbols.size()));
  const char check = CodeCheckSymbol(data_symbols);  // validates every symbol
  std::string out;
  for (std::size_t i = 0; i < data_symbols.size(); ++i) {
    if (i > 0 && i % kCodeGroup == 0) out += '-';
    out += kAlphabet[SymbolValue(data_symbols[i])];
  }
  out += '-';
  out += check;
  return out;
}

std::string GenerateVerificationCode() {
  // 10 random bytes = 80 bits = 16 symbols of 5 bits, most significant first.
  const std::string bytes = RandomBytes(10);
  std::string symbols;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char byte : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(byte);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      symbols += kAlphabet[(buffer >> bits) & 31u];
    }
  }
  return FormatVerificationCode(symbols);
}

std::optional<std::string> ParseVerificationCode(std::string_view typed) {
  std::string data;
  char check = 0;
  int symbols = 0;
  for (const char c : typed) {
    if (IsSeparator(c)) continue;
    ++symbols;
    if (symbols <= kCodeDataSymbols) {
      const int v = SymbolValue(c);
      if (v < 0) return std::nullopt;
      data += kAlphabet[v];
    } else if (symbols == kCodeDataSymbols + 1) {
      check = c;
    } else {
      return std::nullopt;  // too long
    }
  }
  if (symbols != kCodeDataSymbols + 1) return std::nullopt;
  const int check_value = CheckValue(check);
  if (check_value < 0 || check_value != Mod37(data)) return std::nullopt;
  return FormatVerificationCode(data);
}

}  // namespace sovang::crypto
