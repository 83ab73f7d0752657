#include "core/record_json.h"

#include "core/error.h"

namespace sovang {

namespace {

nlohmann::json BoxToJson(const Box& b) {
  if (b.empty()) return nullptr;
  return nlohmann::json::array({b.x, b.y, b.w, b.h});
}

Box BoxFromJson(const nlohmann::json& j) {
  if (!j.is_array() || j.size() != 4) return {};
  return Box{j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

}  // namespace

nlohmann::json RecordToJson(const Record& r, const RecordJsonOptions& options) {
  nlohmann::json j;
  j["id"] = r.id;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    const auto id = static_cast<FieldId>(i);
    const Field& f = r[id];
    const std::string key(FieldKey(id));
    if (!f.present()) {
      j[key] = nullptr;
    } else if (id == FieldId::kBirthYear && r.birth_year()) {
      j[key] = *r.birth_year();
    } else {
      j[key] = f.value;
    }
  }
  nlohmann::json source = {{"file", r.source.file},
                           {"sha256", r.source.sha256},
                           {"page", r.source.page},
                           {"bbox", BoxToJson(r.source.bbox)}};
  if (r.source.row > 0) source["row"] = r.source.row;
  if (r.source.page_id > 0) source["page_id"] = r.source.page_id;
  j["source"] = std::move(source);
  j["confidence"] = r.confidence;
  j["review"] = ReviewName(r.review);
  j["kind"] = PageKindName(r.kind);
  if (options.with_field_detail) {
    nlohmann::json fields = nlohmann::json::object();
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      const Field& f = r.fields[i];
      if (!f.present() && f.verbatim.empty()) continue;
      fields[std::string(FieldKey(static_cast<FieldId>(i)))] = {
          {"verbatim", f.verbatim}, {"value", f.value}, {"confidence", f.confidence}, {"bbox", BoxToJson(f.box)}};
    }
    j["fields"] = std::move(fields);
  }
  return j;
}

Record RecordFromJson(const nlohmann::json& j) {
  if (!j.is_object()) throw Error(Errc::kInvalidArgument, "a record must be a JSON object");
  try {
    Record r;
    r.id = j.value("id", "");
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      const auto id = static_cast<FieldId>(i);
      const auto it = j.find(std::string(FieldKey(id)));
      if (it == j.end() || it->is_null()) continue;
      Field& f = r[id];
      f.value = it->is_number_integer() ? std::to_string(it->get<long long>()) : it->get<std::string>();
      f.verbatim = f.value;
      f.confidence = 1.0;
    }
    if (const auto fields = j.find("fields"); fields != j.end() && fields->is_object()) {
      for (const auto& [key, detail] : fields->items()) {
        const auto id = FieldFromKey(key);
        if (!id) continue;
        Field& f = r[*id];
        f.verbatim = detail.value("verbatim", f.verbatim);
        f.value = detail.value("value", f.value);
        f.confidence = detail.value("confidence", f.confidence);
        if (detail.contains("bbox")) f.box = BoxFromJson(detail["bbox"]);
      }
    }
    if (const auto src = j.find("source"); src != j.end() && src->is_object()) {
      r.source.file = src->value("file", "");
      r.source.sha256 = src->value("sha256", "");
      r.source.page = src->value("page", 0);
      r.source.row = src->value("row", 0);
      r.source.page_id = src->value("page_id", std::int64_t{0});
      if (src->contains("bbox")) r.source.bbox = BoxFromJson((*src)["bbox"]);
    }
    r.confidence = j.value("confidence", 0.0);
    if (const auto review = ReviewFromName(j.value("review", "auto"))) r.review = *review;
    if (const auto kind = PageKindFromName(j.value("kind", "other"))) r.kind = *kind;
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::kInvalidArgument, std::string("malformed record JSON: ") + e.what());
  }
}

}  // namespace sovang
