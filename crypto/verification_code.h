#pragma once
// Certificate verification codes: 80 random bits (16 Crockford base32
// symbols) and one check symbol (the value mod 37, Crockford's check
// alphabet), printed in groups for typing: "7KQ2-M9XD-4TPW-C8R3-H".
//
// Crockford base32 leaves out I, L, O and U, so a reader who types I or L for
// 1, or O for 0, still gets the right code; the check symbol catches every
// single wrong symbol and every swap of two neighbours.

#include <optional>
#include <string>
#include <string_view>

namespace sovang::crypto {

inline constexpr int kCodeDataSymbols = 16;  // 16 x 5 = 80 bits
inline constexpr int kCodeGroup = 4;         // symbols per dash-separated group

// A fresh code from the CSPRNG, in its canonical printed form.
std::string GenerateVerificationCode();

// The canonical printed form of a code typed by a person, or nullopt when it
// is not a code (wrong length, a symbol outside the alphabet, a wrong check
// symbol). Accepts lower case, missing or extra dashes and spaces, and I/L
// for 1 and O for 0.
std::optional<std::string> ParseVerificationCode(std::string_view typed);

// The check symbol of 16 data symbols (already upper-case Crockford).
// Throws Error(kInvalidArgument) when a symbol is outside the alphabet.
char CodeCheckSymbol(std::string_view data_symbols);

// Groups 16 data symbols and appends their check symbol:
// "7KQ2M9XD4TPWC8R3" -> "7KQ2-M9XD-4TPW-C8R3-H". Throws Error(kInvalidArgument).
std::string FormatVerificationCode(std::string_view data_symbols);

}  // namespace sovang::crypto
