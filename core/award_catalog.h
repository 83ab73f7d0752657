#pragma once
// The catalog of award forms (schemas/awards.json): codes, not free text.
//
// schemas/awards.json:
//   {"version": 1, "awards": [
//     {"code": "HCKC-CP-1", "name": "Huân chương Kháng chiến hạng Nhất",
//      "family": "huan_chuong_khang_chien", "rank": 1, "war": "chong_phap",
//      "authority": "Chủ tịch nước", "reissuable": true,
//      "no_reissue_reason": null, "aliases": ["HCKC hạng Nhất"]}, ...]}
// "war" is "chong_phap", "chong_my" or null; "rank" 1..3 or null.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sovang {

struct AwardForm {
  std::string code;
  std::string name;  // the full printed name, NFC
  std::string family;
  int rank = 0;      // 0: unranked
  std::string war;   // "" when not a resistance award
  std::string authority;
  bool reissuable = true;
  std::string no_reissue_reason;  // why not, in Vietnamese, when !reissuable
  std::vector<std::string> aliases;
};

class AwardCatalog {
 public:
  // Throws Error(kNotFound / kInvalidArgument).
  static AwardCatalog Load(const std::filesystem::path& file);
  // The catalog installed with the sources (SOVANG_SCHEMAS_DIR, else the
  // schemas/ folder next to the source tree).
  static const AwardCatalog& Default();

  const std::vector<AwardForm>& forms() const { return forms_; }
  const AwardForm* ByCode(const std::string& code) const;
  // Exact match on the name or an alias (NFC, case as printed).
  const AwardForm* ByName(const std::string& name) const;

 private:
  std::vector<AwardForm> forms_;
};

// Where schemas/ is: $SOVANG_SCHEMAS_DIR, else the directory compiled in.
std::filesystem::path SchemasDir();

}  // namespace sovang
