// The Tesseract recogniser: one TessBaseAPI per recogniser (per worker
// thread), initialised once and reused for every page.

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "ocr/hocr.h"
#include "ocr/internal/borrowed_engine.h"
#include "ocr/internal/cleanup.h"
#include "ocr/internal/legacy_ambigs.h"
#include "ocr/internal/line_images.h"
#include "ocr/internal/morph.h"
#include "ocr/internal/tess_network.h"
#include "ocr/internal/tess_threshold.h"
#include "ocr/internal/openmp.h"
#include "ocr/internal/pix.h"
#include "ocr/internal/tesseract_reader.h"
#include "ocr/internal/text_util.h"
#include "ocr/recognizer.h"

namespace sovang::ocr {
namespace {

using Clock = std::chrono::steady_clock;

// One OSD engine per tessdata directory for the whole process, taken in
// turns: OSD runs only on pages Leptonica cannot orient, and each copy of its
// legacy classifier costs ~50 MB, which every worker would otherwise keep.
struct SharedOsd {
  std::mutex mutex;
  std::unique_ptr<tesseract::TessBaseAPI> api;
  bool failed = false;
};

SharedOsd& SharedOsdFor(const std::string& tessdata_dir) {
  static std::mutex mutex;
  // Never destroyed: a TessBaseAPI torn down among static destructors can
  // outlive Tesseract's own globals. The OS takes it back at exit.
  static auto* engines = new std::map<std::string, std::unique_ptr<SharedOsd>>();
  std::lock_guard lock(mutex);
  std::unique_ptr<SharedOsd>& osd = (*engines)[tessdata_dir];
  if (!osd) osd = std::make_unique<SharedOsd>();
  return *osd;
}

class TesseractRecognizer final : public Recognizer {
 public:
  explicit TesseractRecognizer(RecognizerOptions options) : options_(std::move(options)) {
    QuietImageLibraries();
    // Line images inside Tesseract as raw pixels, not PNG (line_images.cpp).
    // SOVANG_TESS_PNG_LINES=1 keeps Tesseract's own PNG (for comparing).
    const char* png_lines = std::getenv("SOVANG_TESS_PNG_LINES");
    KeepTesseractLineImagesRaw(png_lines == nullptr || std::string(png_lines) != "1");
    // Engines start without the legacy engine's table of confusable
    // characters (legacy_ambigs.cpp). SOVANG_TESS_AMBIGS=1 loads it (for comparing).
    const char* ambigs = std::getenv("SOVANG_TESS_AMBIGS");
    SkipLegacyAmbigs(ambigs == nullptr || std::string(ambigs) != "1");
    // Binary images opened by a line (Tesseract's rule finder) in ~2 log2(n)
    // passes instead of Leptonica's 2n (morph.cpp). SOVANG_LEPTONICA_MORPH=1
    // leaves them to Leptonica (for comparing).
    const char* morph = std::getenv("SOVANG_LEPTONICA_MORPH");
    UseFastLineOpening(morph == nullptr || std::string(morph) != "1");
    // Tesseract's thresholding of each rectangle it reads, bit for bit, a
    // word at a time (tess_threshold.cpp). SOVANG_TESS_THRESHOLD=1 leaves it
    // to Tesseract (for comparing).
    const char* threshold = std::getenv("SOVANG_TESS_THRESHOLD");
    UseFastTesseractThreshold(threshold == nullptr || std::string(threshold) != "1");
    // The LSTM's first layer (the 3x3 convolution's stacking of each pixel's
    // neighbours), byte for byte, without Tesseract's per-byte index checks
    // and calls (tess_network.cpp). SOVANG_TESS_CONVOLVE=1 leaves it to
    // Tesseract (for comparing).
    const char* convolve = std::getenv("SOVANG_TESS_CONVOLVE");
    UseFastTesseractConvolve(convolve == nullptr || std::string(convolve) != "1");
    // The LSTM layers' outputs rounded to 8 bits and the max-pooling layer's
    // running maximum, 16 values at a time, the same bytes (tess_network.cpp).
    // SOVANG_TESS_TIMESTEPS=1 leaves them to Tesseract (for comparing).
    const char* steps = std::getenv("SOVANG_TESS_TIMESTEPS");
    UseFastTesseractTimeSteps(steps == nullptr || std::string(steps) != "1");
    api_ = InitApi(options_.language, tesseract::OEM_DEFAULT);
    if (!api_) {
      throw Error(Errc::kOcr, "Tesseract cannot load language '" + options_.language + "' from " +
                                  (options_.tessdata_dir.empty() ? std::string("its default tessdata")
                                                                 : options_.tessdata_dir));
    }
  }

  // For BorrowedEngine (the second look reads on it between pages).
  tesseract::TessBaseAPI* engine() const { return api_.get(); }

  RecognizedPage Recognize(const PageImage& page) override {
    Pix* pix = PixOf(page);
    if (pix == nullptr) throw Error(Errc::kInvalidArgument, "Recognize: empty page image");
    LimitOpenMpInThisThread();
    const auto deadline = options_.timeout_seconds > 0
                              ? Clock::now() + std::chrono::seconds(options_.timeout_seconds)
                              : Clock::time_point::max();
    osd_ran_ = false;
    const bool orient = options_.cleanup && options_.detect_orientation;
    // Orientation. Most pages come upright, and reading a page is the surest
    // test of it: upright pages read with a mean word confidence of 0.89 and
    // more (bench/ocr, 120 generated pages of every kind), turned ones below
    // 0.55. So the page is read as it comes, and only a doubtful reading asks
    // Tesseract's OSD (~0.35 s) whether it is turned, and reads it again if it
    // is. After a turned page, the next one is likely turned as well (a batch
    // scanned the same way): OSD is asked first.
    RotationDetector first;
    if (orient && osd_first_) first = [this](Pix* grey, int dpi) { return DetectRotation(grey, dpi); };
    RecognizedPage out = CleanAndRead(pix, first, deadline);
    if (orient && !osd_ran_ && out.mean_confidence < kUprightConfidence) {
      const auto start = Clock::now();
      const int rotation = DetectRotation(grey_for_osd_.get(), grey_for_osd_dpi_);
      const double osd_seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (rotation != 0) {
        RecognizedPage turned = CleanAndRead(pix, [rotation](Pix*, int) { return rotation; }, deadline);
        turned.cleanup_seconds += out.cleanup_seconds;
        turned.layout_seconds += out.layout_seconds;
        turned.recognition_seconds += out.recognition_seconds;
        turned.tesseract_calls += out.tesseract_calls;
        turned.number_rereads += out.number_rereads;
        out = std::move(turned);
      }
      out.cleanup_seconds += osd_seconds;
    }
    // Nothing of this page is kept past it: Tesseract's copies of the image,
    // its thresholded page and results go now, not when the next page comes.
    grey_for_osd_.reset();
    api_->Clear();
    out.orientation_by_osd = osd_ran_;
    if (orient) osd_first_ = out.rotation != 0;
    out.hocr = ToHocr(out);
    return out;
  }

 private:
  // Cleans the page (turned as `detect_rotation` says) and reads it; boxes on
  // the page as given, no hOCR yet. Keeps the cleaned grey page for OSD.
  RecognizedPage CleanAndRead(Pix* pix, const RotationDetector& detect_rotation,
                              TesseractReader::Clock::time_point deadline) {
    const auto start = Clock::now();
    CleanedPage cleaned = CleanPage(pix, options_, detect_rotation);
    const auto cleaned_at = Clock::now();

    RecognizedPage out;
    out.width = cleaned.geometry.width;
    out.height = cleaned.geometry.height;
    out.rotation = cleaned.geometry.rotation;
    out.skew_degrees = cleaned.geometry.skew_degrees;

    TesseractReader reader(*api_, deadline);
    ReadPage(reader, cleaned, options_, out);
    out.tesseract_calls = reader.calls();
    out.number_rereads = reader.rereads();
    out.cleanup_seconds = std::chrono::duration<double>(cleaned_at - start).count();
    out.recognition_seconds =
        std::chrono::duration<double>(Clock::now() - cleaned_at).count() - out.layout_seconds;

    // Boxes back onto the page as given.
    double sum = 0.0;
    std::size_t n = 0;
    auto map_lines = [&](std::vector<Line>& lines) {
      for (Line& line : lines) {
        line.box = cleaned.geometry.ToPage(line.box);
        for (Word& w : line.words) {
          w.box = cleaned.geometry.ToPage(w.box);
          sum += w.confidence;
          ++n;
        }
      }
    };
    map_lines(out.lines);
    if (out.table) {
      for (Cell& c : out.table->cells) {
        c.box = cleaned.geometry.ToPage(c.box);
        map_lines(c.lines);
      }
    }
    out.mean_confidence = n == 0 ? 0.0 : sum / static_cast<double>(n);
    grey_for_osd_ = std::move(cleaned.grey);
    grey_for_osd_dpi_ = cleaned.dpi;
    return out;
  }

  std::unique_ptr<tesseract::TessBaseAPI> InitApi(const std::string& language,
                                                  tesseract::OcrEngineMode mode) const {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // Tesseract's chatter ("Estimating resolution as ...") goes nowhere.
    api->SetVariable("debug_file", "/dev/null");
    const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
    // The recogniser leaves out the legacy engine's word lists (the LSTM
    // keeps its own): it reads no different without them (hOCR identical on
    // seed 7, seed 11 and the committed set, 140 pages) and Tesseract's
    // word checks after the LSTM cost 3-6% of a page's CPU with them.
    std::vector<std::string> names, values;
    if (mode != tesseract::OEM_TESSERACT_ONLY) {
      names = {"load_system_dawg", "load_freq_dawg"};
      values = {"0", "0"};
    }
    if (api->Init(datapath, language.c_str(), mode, nullptr, 0, &names, &values, false) != 0) return nullptr;
    api->SetVariable("debug_file", "/dev/null");
    // Archive pages never print white on black: retrying every doubtful line
    // inverted (Tesseract's default below 0.7 confidence) only costs time.
    api->SetVariable("tessedit_do_invert", "0");
    // For trying Tesseract settings on a bench without a rebuild:
    // SOVANG_TESS_VARS="name=value,name=value" (none by default).
    if (const char* vars = std::getenv("SOVANG_TESS_VARS"); vars != nullptr && mode != tesseract::OEM_TESSERACT_ONLY) {
      std::string list(vars);
      for (std::size_t at = 0; at < list.size();) {
        const std::size_t end = std::min(list.find(',', at), list.size());
        const std::string item = list.substr(at, end - at);
        const std::size_t eq = item.find('=');
        if (eq != std::string::npos) api->SetVariable(item.substr(0, eq).c_str(), item.substr(eq + 1).c_str());
        at = end + 1;
      }
    }
    return api;
  }

  // Degrees clockwise to turn the page upright, by Tesseract's OSD on a
  // reduced copy (OSD needs only a few lines of text of modest size).
  int DetectRotation(Pix* grey, int dpi) {
    SharedOsd& osd = SharedOsdFor(options_.tessdata_dir);
    std::lock_guard lock(osd.mutex);
    if (osd.failed) return 0;
    if (!osd.api) {
      const KeepLegacyAmbigs keep;  // OSD runs the legacy classifier
      osd.api = InitApi("osd", tesseract::OEM_TESSERACT_ONLY);
      if (!osd.api) {
        osd.failed = true;  // no osd.traineddata: read pages as they come
        return 0;
      }
    }
    osd_ran_ = true;
    tesseract::TessBaseAPI& engine = *osd.api;
    const int long_side = std::max(pixGetWidth(grey), pixGetHeight(grey));
    const float scale = long_side > 2000 ? 2000.0f / static_cast<float>(long_side) : 1.0f;
    PixPtr small(scale < 1.0f ? pixScale(grey, scale, scale) : pixClone(grey));
    if (!small) return 0;
    engine.SetImage(small.get());
    engine.SetSourceResolution(std::max(70, static_cast<int>(static_cast<float>(dpi) * scale)));
    int orient_deg = 0;
    float orient_conf = 0.0f, script_conf = 0.0f;
    const char* script = nullptr;
    const bool ok = engine.DetectOrientationScript(&orient_deg, &orient_conf, &script, &script_conf);
    engine.Clear();
    // Tesseract: "orient_conf: 15.0 is reasonably confident". Below ~2 it is
    // mostly guessing on pages with little text; leave those as they are.
    if (!ok || orient_conf < kMinOrientationConfidence) return 0;
    // orient_deg is how far the text is turned clockwise; undo it.
    return (360 - orient_deg) % 360;
  }

  static constexpr float kMinOrientationConfidence = 2.0f;
  // Below this mean word confidence a page may be turned (see Recognize).
  static constexpr double kUprightConfidence = 0.75;

  RecognizerOptions options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  bool osd_ran_ = false;
  bool osd_first_ = false;  // the last page was turned
  PixPtr grey_for_osd_;     // the cleaned page last read, for OSD
  int grey_for_osd_dpi_ = 300;
};

}  // namespace

tesseract::TessBaseAPI* BorrowedEngine(Recognizer& r) {
  auto* tesseract = dynamic_cast<TesseractRecognizer*>(&r);
  return tesseract != nullptr ? tesseract->engine() : nullptr;
}

std::unique_ptr<Recognizer> MakeTesseractRecognizer(const RecognizerOptions& options) {
  return std::make_unique<TesseractRecognizer>(options);
}

}  // namespace sovang::ocr
