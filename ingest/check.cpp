#include "ingest/check.h"

#include <filesystem>

#include "crypto/sha256.h"
#include "store/audit.h"
#include "store/records.h"
#include "store/sources.h"

namespace sovang::ingest {

CheckReport CheckArchive(const ArchiveLayout& layout, store::Database& db, index::Indexer& indexer) {
  CheckReport report;
  store::Sources sources(db);
  for (const store::SourceRow& s : sources.List()) {
    ++report.sources;
    const std::filesystem::path master = layout.root / s.master_path;
    if (!std::filesystem::exists(master)) {
      report.problems.push_back("bản gốc bị mất (master missing): " + s.file_name + " → " + s.master_path);
    } else if (crypto::Sha256File(master) != s.sha256) {
      report.problems.push_back("bản gốc bị thay đổi (master changed, SHA-256 differs): " + s.file_name);
    }
    for (const store::PageRow& p : sources.PagesOf(s.id)) {
      ++report.pages;
      if (p.status == "done" && !p.image_path.empty() && !std::filesystem::exists(layout.root / p.image_path))
        report.problems.push_back("ảnh trang bị mất (page image missing): " + s.file_name + " trang " +
                                  std::to_string(p.page_no));
    }
  }

  report.records = store::Records(db).Count();
  report.outbox_seq = store::Outbox(db).LastSeq();
  report.index_seq = indexer.LastAppliedSeq();
  report.index_documents = indexer.DocumentCount();
  if (report.index_seq != report.outbox_seq)
    report.problems.push_back("chỉ mục chậm hơn kho (index behind the store): outbox " + std::to_string(report.outbox_seq) +
                              ", index " + std::to_string(report.index_seq) + "; run sovang reindex");
  if (report.index_documents != report.records)
    report.problems.push_back("số tài liệu chỉ mục khác số hồ sơ (index has " + std::to_string(report.index_documents) +
                              " documents, store " + std::to_string(report.records) + " records); run sovang reindex");

  if (!indexer.HasCurrentTermFamilies())
    report.problems.push_back(
        "chỉ mục theo định dạng cũ (index written by an older sovang, without name-and-year terms: searches "
        "with a birth year are slower); run sovang reindex");

  const store::AuditChainReport audit = store::VerifyAuditChain(db);
  report.audit_rows = audit.rows;
  for (const store::AuditProblem& p : audit.problems)
    report.problems.push_back("nhật ký kiểm toán (audit) dòng " + std::to_string(p.seq) + ": " + p.what);
  if (audit.problem_count > static_cast<std::int64_t>(audit.problems.size()))
    report.problems.push_back("… and " + std::to_string(audit.problem_count - audit.problems.size()) +
                              " more audit problems");
  return report;
}

nlohmann::json CheckReportToJson(const CheckReport& r) {
  return {{"ok", r.ok()},           {"sources", r.sources},       {"pages", r.pages},
          {"records", r.records},   {"index_documents", r.index_documents}, {"outbox_seq", r.outbox_seq},
          {"index_seq", r.index_seq}, {"audit_rows", r.audit_rows}, {"problems", r.problems}};
}

}  // namespace sovang::ingest
