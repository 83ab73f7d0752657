#include "ingest/pipeline.h"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <variant>

#include "core/award_catalog.h"
#include "core/error.h"
#include "core/gazetteer.h"
#include "crypto/sha256.h"
#include "ingest/bounded_queue.h"
#include "ingest/extract.h"
#include "ingest/extract_second_look.h"
#include "ingest/index_sync.h"
#include "ingest/record_writer.h"
#include "ingest/server_watch.h"
#include "ocr/page_loader.h"
#include "ocr/second_look.h"
#include "store/records.h"
#include "store/sources.h"

namespace sovang::ingest {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kScanExtensions = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"};

std::string LowerExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::string MediaType(const std::string& ext) {
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".tif" || ext == ".tiff") return "image/tiff";
  if (ext == ".pdf") return "application/pdf";
  return "application/octet-stream";
}

std::string NowIso() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

struct PageDone {
  std::size_t file = 0;
  int page_no = 0;
  store::PageRow row;
  std::vector<Record> records;
  std::string error;
};

struct WorkFile {
  fs::path path;
  std::string name;
  std::string sha256;
  std::string extension;
  std::int64_t size = 0;
  std::int64_t source_id = 0;  // set by the writer
  int pages_expected = -1;     // -1 until decoded
  int pages_written = 0;
  bool page_failed = false;
  // Pages wait here until the page before them is done: a list that runs over
  // pages states its decision only on the first (InheritFromPreviousPage).
  int next_page = 1;
  std::map<int, PageDone> waiting;
  std::vector<Record> previous_records;
};

struct PageTask {
  std::size_t file = 0;
  int page_no = 0;
  ocr::LoadedPage page;
};

// The decoder's word on a whole file: its pages, or why it has none.
struct FileDecoded {
  std::size_t file = 0;
  int page_count = 0;
  std::string error;
};


using Result = std::variant<FileDecoded, PageDone>;

// OCR yields to a server sharing the machine: the calling thread runs only
// when no other thread wants the core (Linux's SCHED_IDLE; any thread may
// lower itself to it). At nice 10 a worker still took its time slices
// between a busy server's requests (search p99 at 16 connections while an
// ingest ran: 6.0 ms, 4.6 without it). Alone on the machine it runs as fast.
void LowerThreadPriority() {
  sched_param none{};
  if (::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &none) == 0) return;
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);  // per-thread nice on Linux
}

std::string ReasonOf(const std::exception& e) { return e.what(); }

// SOVANG_STEP_ASIDE=0 turns the server watch off, for comparing on one machine.
bool StepAsideWanted(const IngestOptions& options) {
  const char* v = std::getenv("SOVANG_STEP_ASIDE");
  return options.step_aside_for_server && !(v != nullptr && std::string_view(v) == "0");
}

// The worker's view of the shared second look, reading its `vie` looks on the
// worker's own engine (ocr/internal/borrowed_engine.h) once SharedSecondLook
// takes one (View(Recognizer*), the extraction's side); a plain view before.
template <typename Shared>
std::unique_ptr<ocr::SecondLook> ViewFor(Shared& shared, ocr::Recognizer* recognizer) {
  if constexpr (requires { shared.View(recognizer); }) {
    return shared.View(recognizer);
  } else {
    return shared.View();
  }
}

// Whether the file's master, as the archive keeps it, can stand for the
// page's image: a single PNG or JPEG (ocr::PageImage::WholeFileFormat; the
// colour of a colour JPEG included) whose name says what it is, since the
// page is served by its name's type.
// SOVANG_PAGE_PNG=1 writes a PNG for every page, as before (for comparing).
bool MasterShowsPage(const WorkFile& file, const ocr::PageImage& image) {
  static const bool always_png = [] {
    const char* v = std::getenv("SOVANG_PAGE_PNG");
    return v != nullptr && std::string(v) == "1";
  }();
  if (always_png) return false;
  const std::string& format = image.WholeFileFormat();
  if (format == "png") return file.extension == ".png";
  if (format == "jpeg") return file.extension == ".jpg" || file.extension == ".jpeg";
  return false;
}

}  // namespace

std::vector<fs::path> ExpandInputs(const std::vector<fs::path>& inputs, std::vector<FailedInput>& failed) {
  std::vector<fs::path> files;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      failed.push_back({input.string(), "không tìm thấy tệp (file not found)"});
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && kScanExtensions.count(LowerExtension(it->path()))) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(input);
    }
  }
  return files;
}

IngestReport Ingest(const ArchiveLayout& layout, store::Database& db, index::Indexer& indexer,
                    const std::vector<fs::path>& inputs, const IngestOptions& options) {
  IngestReport report;
  layout.CreateDirectories();
  store::Sources sources(db);

  // Plan: fingerprint every file; skip what the archive already holds.
  std::vector<WorkFile> work;
  std::set<std::string> seen;
  for (const fs::path& path : ExpandInputs(inputs, report.failed)) {
    WorkFile f;
    f.path = path;
    f.name = path.filename().string();
    f.extension = LowerExtension(path);
    try {
      f.sha256 = crypto::Sha256File(path);
      f.size = static_cast<std::int64_t>(fs::file_size(path));
    } catch (const std::exception& e) {
      report.failed.push_back({path.string(), ReasonOf(e)});
      continue;
    }
    if (f.size == 0) {
      report.failed.push_back({path.string(), "tệp rỗng (zero-byte file)"});
      continue;
    }
    const auto existing = sources.FindBySha(f.sha256);
    if ((existing && existing->status == "done") || !seen.insert(f.sha256).second) {
      ++report.skipped;
      continue;
    }
    if (existing) f.source_id = existing->id;  // an interrupted or failed earlier run: redo
    work.push_back(std::move(f));
  }
  if (options.progress) {
    for (const WorkFile& f : work) {
      try {
        options.progress->AddTotal(ocr::CountPages(f.path));
      } catch (const std::exception&) {
        options.progress->AddTotal(1);
      }
    }
  }

  const AwardCatalog& awards = AwardCatalog::Default();
  const Gazetteer& places = Gazetteer::Default();
  const int jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  // One decoded page waits in the queue and the decoder holds the next one
  // while it waits for room: a worker that finishes takes a page at once,
  // and the decoder (~50 ms a page) has the next ready long before another
  // worker finishes (~1 s). More pages ahead only cost memory (~9 MB each
  // at A4, 300 dpi, grey).
  BoundedQueue<PageTask> tasks(1);
  BoundedQueue<Result> results(static_cast<std::size_t>(jobs) * 4);

  // OCR pauses while a server on this archive answers (ingest/server_watch.h).
  std::optional<ServerWatch> server_watch;
  if (StepAsideWanted(options)) server_watch.emplace(layout);

  // Stage 1: decode files into pages, one page at a time (a long PDF never
  // sits in memory whole; the bounded queue keeps a few pages ahead).
  std::thread decoder([&] {
    if (options.lower_worker_priority) LowerThreadPriority();  // decoding is OCR's work too
    for (std::size_t i = 0; i < work.size(); ++i) {
      FileDecoded decoded{i, 0, ""};
      std::optional<ocr::LoadedPage> first;
      try {
        decoded.page_count = ocr::CountPages(work[i].path);
        if (decoded.page_count < 1) throw Error(Errc::kCorruptInput, work[i].path.string() + ": không có trang nào (no pages)");
        first = ocr::LoadPage(work[i].path, 1);
      } catch (const std::exception& e) {
        decoded.error = ReasonOf(e);
      }
      results.Push(decoded);  // before its pages, so the writer knows the file first
      if (!decoded.error.empty()) continue;
      for (int p = 1; p <= decoded.page_count; ++p) {
        try {
          ocr::LoadedPage page = p == 1 ? std::move(*first) : ocr::LoadPage(work[i].path, p);
          // Grey here, off the workers: a quarter of the memory per queued
          // page and of the PNG the worker archives (the master keeps colour).
          page.image = page.image.GreyForArchive();
          tasks.Push(PageTask{i, p, std::move(page)});
        } catch (const std::exception& e) {
          PageDone failed;
          failed.file = i;
          failed.page_no = p;
          failed.error = ReasonOf(e);
          results.Push(std::move(failed));
        }
      }
    }
    tasks.Close();
  });

  // Stage 2: recognise and extract, one recogniser per worker.
  std::unique_ptr<ocr::SharedSecondLook> shared_look;
  try {
    if (!options.make_recognizer) shared_look = std::make_unique<ocr::SharedSecondLook>(ocr::MakeSecondLook());
  } catch (const std::exception&) {
  }
  std::vector<std::thread> workers;
  std::atomic<int> workers_left{jobs};
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      if (options.lower_worker_priority) LowerThreadPriority();
      std::unique_ptr<ocr::Recognizer> recognizer;
      std::string init_error;
      try {
        recognizer = options.make_recognizer ? options.make_recognizer() : ocr::MakeTesseractRecognizer();
      } catch (const std::exception& e) {
        init_error = ReasonOf(e);
      }
      // A second look at doubtful words (ingest/extract_second_look.h), with
      // real Tesseract only: one for all workers, taken in turn.
      std::unique_ptr<ocr::SecondLook> second_look;
      if (recognizer && shared_look) second_look = ViewFor(*shared_look, recognizer.get());
      while (auto task = tasks.Pop()) {
        const WorkFile& file = work[task->file];
        PageDone done;
        done.file = task->file;
        done.page_no = task->page_no;
        try {
          if (!recognizer) throw Error(Errc::kOcr, "không khởi động được Tesseract: " + init_error);
          ocr::RecognizedPage page =
              task->page.text_layer ? *task->page.text_layer : recognizer->Recognize(task->page.image);
          SourceRef source;
          source.file = file.name;
          source.sha256 = file.sha256;
          source.page = task->page_no;
          done.records = ExtractWithSecondLook(page, ExtractContext{awards, places, source}, task->page.image,
                                               second_look.get());
          done.row.page_no = task->page_no;
          done.row.kind = ClassifyPage(page);
          done.row.width = page.width;
          done.row.height = page.height;
          done.row.mean_confidence = page.mean_confidence;
          if (MasterShowsPage(file, task->page.image)) {
            // The master (kept by the writer before any of its pages) is
            // the page image: no PNG encoded and written beside it.
            done.row.image_path = layout.master(file.sha256, file.extension).lexically_relative(layout.root).string();
          } else {
            done.row.image_path = ArchiveLayout::PageImagePath(file.sha256, task->page_no).string();
            WriteFileAtomically(layout.root / done.row.image_path, task->page.image.EncodePng());
          }
          if (!page.hocr.empty()) {
            done.row.hocr_path = ArchiveLayout::PageHocrPath(file.sha256, task->page_no).string();
            WriteFileAtomically(layout.root / done.row.hocr_path, page.hocr);
          }
          done.row.status = "done";
        } catch (const std::exception& e) {
          done.error = ReasonOf(e);
          done.records.clear();
        }
        results.Push(std::move(done));
      }
      if (--workers_left == 0) results.Close();
    });
  }

  // Stage 3 (this thread, the one store writer): batched transactions, batched index commits.
  std::vector<PageDone> batch;
  int pages_since_index = 0;
  auto finish_file_if_complete = [&](WorkFile& f) {
    if (f.pages_expected < 0 || f.pages_written < f.pages_expected) return;
    sources.SetStatus(f.source_id, f.page_failed ? "failed" : "done", f.page_failed ? "một số trang lỗi" : "",
                      f.pages_expected);
    if (!f.page_failed) ++report.sources;
  };
  auto flush = [&] {
    if (batch.empty()) return;
    db.Transaction([&] {
      for (PageDone& done : batch) {
        WorkFile& f = work[done.file];
        ++f.pages_written;
        if (!done.error.empty()) {
          f.page_failed = true;
          report.failed.push_back({f.path.string() + " (trang " + std::to_string(done.page_no) + ")", done.error});
          done.row.page_no = done.page_no;
          done.row.status = "failed";
          done.row.error = done.error;
        }
        done.row.source_id = f.source_id;
        const std::int64_t page_id = sources.PutPage(done.row);
        for (Record& r : done.records) r.source.page_id = page_id;
        StoreRecords(db, done.records);
        if (done.error.empty()) {
          ++report.pages;
          report.records += static_cast<std::int64_t>(done.records.size());
        }
        finish_file_if_complete(f);
      }
    });
    for (const PageDone& done : batch) {
      if (options.progress) options.progress->PageDone(work[done.file].name);
    }
    pages_since_index += static_cast<int>(batch.size());
    batch.clear();
    if (pages_since_index >= options.pages_per_index_commit) {
      SyncIndex(db, indexer);
      pages_since_index = 0;
    }
  };

  // If storing fails, stop the other stages before the error leaves.
  struct StopStages {
    BoundedQueue<PageTask>& tasks;
    BoundedQueue<Result>& results;
    std::thread& decoder;
    std::vector<std::thread>& workers;
    ~StopStages() {
      tasks.Close();
      results.Close();
      if (decoder.joinable()) decoder.join();
      for (std::thread& t : workers)
        if (t.joinable()) t.join();
    }
  } stop_stages{tasks, results, decoder, workers};

  while (auto result = results.Pop()) {
    if (auto* decoded = std::get_if<FileDecoded>(&*result)) {
      WorkFile& f = work[decoded->file];
      if (!decoded->error.empty()) {
        report.failed.push_back({f.path.string(), decoded->error});
        continue;
      }
      // The master is kept once, by hash, before any of its pages is stored.
      const fs::path master = layout.master(f.sha256, f.extension);
      if (!fs::exists(master)) WriteFileAtomically(master, ReadFile(f.path));
      if (f.source_id == 0) {
        store::SourceRow row;
        row.sha256 = f.sha256;
        row.file_name = f.name;
        row.original_path = fs::absolute(f.path).string();
        row.master_path = fs::relative(master, layout.root).string();
        row.media_type = MediaType(f.extension);
        row.size_bytes = f.size;
        row.page_count = decoded->page_count;
        row.status = "pending";
        row.ingested_at = NowIso();
        f.source_id = sources.Add(row);
      } else {
        sources.SetStatus(f.source_id, "pending", "", decoded->page_count);
      }
      f.pages_expected = decoded->page_count;
      continue;
    }
    PageDone done = std::get<PageDone>(std::move(*result));
    WorkFile& f = work[done.file];
    f.waiting.emplace(done.page_no, std::move(done));
    for (auto next = f.waiting.find(f.next_page); next != f.waiting.end(); next = f.waiting.find(f.next_page)) {
      InheritFromPreviousPage(f.previous_records, next->second.records);
      if (next->second.error.empty()) f.previous_records = next->second.records;
      batch.push_back(std::move(next->second));
      f.waiting.erase(next);
      ++f.next_page;
    }
    // Store a full batch, or what we have when nothing else is waiting.
    if (static_cast<int>(batch.size()) >= options.pages_per_transaction || results.Empty()) flush();
  }
  flush();
  SyncIndex(db, indexer);
  if (options.progress) options.progress->Finish();
  if (server_watch) report.seconds_paused_for_server = server_watch->seconds_aside();
  return report;
}

}  // namespace sovang::ingest
