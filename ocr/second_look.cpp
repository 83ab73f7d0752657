// The second look (second_look.h): one TessBaseAPI of its own per worker,
// reading small cut-outs of the page.

#include "ocr/second_look.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "core/error.h"
#include "ocr/internal/borrowed_engine.h"
#include "ocr/internal/cleanup.h"
#include "ocr/internal/openmp.h"
#include "ocr/internal/pix.h"
#include "ocr/internal/text_util.h"

namespace sovang::ocr {
namespace {

constexpr const char* kDigits = "0123456789/-.,;";

using ApiPtr = std::unique_ptr<tesseract::TessBaseAPI>;

// Set up as the recogniser sets up its engine (tesseract_recognizer.cpp):
// without the legacy engine's word lists (the LSTM keeps its own; they only
// cost memory and the word checks after each look) and no inverted retry.
ApiPtr InitApi(const std::string& tessdata_dir, const std::string& language) {
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  api->SetVariable("debug_file", "/dev/null");
  const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
  std::vector<std::string> names = {"load_system_dawg", "load_freq_dawg"}, values = {"0", "0"};
  if (api->Init(datapath, language.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0)
    return nullptr;
  api->SetVariable("debug_file", "/dev/null");
  api->SetVariable("tessedit_do_invert", "0");
  return api;
}

class TesseractSecondLook final : public SecondLook {
 public:
  TesseractSecondLook(const RecognizerOptions& options, const std::string& script_language)
      : options_(options), script_language_(script_language.empty() ? kScriptModel : script_language) {
    QuietImageLibraries();
    // The page's language must load; its engine is kept only when a look
    // needs it without a worker's engine to borrow (PageApi).
    ApiPtr check = InitApi(options_.tessdata_dir, options_.language);
    if (!check)
      throw Error(Errc::kOcr, "Tesseract cannot load language '" + options_.language + "' for the second look");
    check->End();
  }

  ~TesseractSecondLook() override {
    for (ApiPtr* api : {&page_api_, &script_api_})
      if (*api) (*api)->End();
  }

  std::vector<Reading> Read(const PageImage& page, int rotation, double skew_degrees, const Box& box,
                            const std::vector<Look>& looks) override {
    return ReadOn(nullptr, page, rotation, skew_degrees, box, looks);
  }

  // Read, the page's language's looks on `borrowed` (a worker's recogniser's
  // engine) when given.
  std::vector<Reading> ReadOn(tesseract::TessBaseAPI* borrowed, const PageImage& page, int rotation,
                              double skew_degrees, const Box& box, const std::vector<Look>& looks) {
    std::vector<Reading> out(looks.size());
    PixPtr upright = CutOut(page, rotation, skew_degrees, box);
    if (!upright) return out;
    LimitOpenMpInThisThread();
    const int dpi = std::max(70, PlausibleDpi(PixOf(page)));
    for (std::size_t i = 0; i < looks.size(); ++i) {
      const Look& look = looks[i];
      tesseract::TessBaseAPI* page_api = borrowed != nullptr ? borrowed : PageApi();
      if (!look.script_model && page_api == nullptr) continue;
      tesseract::TessBaseAPI& api = look.script_model ? ScriptApi() : *page_api;
      const float s = static_cast<float>(std::clamp(look.scale, 0.5, 4.0));
      PixPtr scaled(s == 1.0f ? pixClone(upright.get()) : pixScaleGrayLI(upright.get(), s, s));
      if (!scaled) continue;
      api.SetVariable("tessedit_char_whitelist", look.digits_only ? kDigits : "");
      api.SetPageSegMode(look.single_word ? tesseract::PSM_SINGLE_WORD : tesseract::PSM_SINGLE_LINE);
      api.SetImage(scaled.get());
      api.SetSourceResolution(static_cast<int>(std::lround(dpi * s)));
      ++calls_;
      if (api.Recognize(nullptr) == 0) out[i] = Collect(api);
      api.Clear();
      api.SetVariable("tessedit_char_whitelist", "");
    }
    return out;
  }

  std::vector<Line> ReadBlock(const PageImage& page, int rotation, double skew_degrees, const Box& box,
                              double scale) override {
    return ReadBlockOn(nullptr, page, rotation, skew_degrees, box, scale);
  }

  std::vector<Line> ReadBlockOn(tesseract::TessBaseAPI* borrowed, const PageImage& page, int rotation,
                                double skew_degrees, const Box& box, double scale) {
    std::vector<Line> out;
    tesseract::TessBaseAPI* page_api = borrowed != nullptr ? borrowed : PageApi();
    if (page_api == nullptr) return out;
    if (((rotation % 360) + 360) % 360 != 0) return out;  // boxes mapped back for upright pages only
    int margin = 0;
    PixPtr upright = CutOut(page, rotation, skew_degrees, box, &margin);
    if (!upright) return out;
    LimitOpenMpInThisThread();
    const int dpi = std::max(70, PlausibleDpi(PixOf(page)));
    const float s = static_cast<float>(std::clamp(scale, 0.5, 4.0));
    PixPtr scaled(s == 1.0f ? pixClone(upright.get()) : pixScaleGrayLI(upright.get(), s, s));
    if (!scaled) return out;
    tesseract::TessBaseAPI& api = *page_api;
    api.SetVariable("tessedit_char_whitelist", "");
    api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    api.SetImage(scaled.get());
    api.SetSourceResolution(static_cast<int>(std::lround(dpi * s)));
    ++calls_;
    if (api.Recognize(nullptr) == 0) {
      // Cut-out pixels back to the page: unscaled, less the white margin,
      // plus where the box starts (clipped as CutOut clipped it).
      const int x0 = std::max(0, box.x - 2), y0 = std::max(0, box.y - 2);
      auto to_page = [&](int l, int t, int r, int b) {
        Box p;
        p.x = x0 + static_cast<int>(std::lround(l / s)) - margin;
        p.y = y0 + static_cast<int>(std::lround(t / s)) - margin;
        p.w = std::max(1, static_cast<int>(std::lround((r - l) / s)));
        p.h = std::max(1, static_cast<int>(std::lround((b - t) / s)));
        return p;
      };
      std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
      if (it) {
        do {
          if (it->Empty(tesseract::RIL_WORD)) continue;
          std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
          if (!text || IsBlank(text.get())) continue;
          if (out.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) out.emplace_back();
          int l = 0, t = 0, r = 0, b = 0;
          it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
          Word w;
          w.text = FixLookalikes(Nfc(text.get()));
          w.box = to_page(l, t, r, b);
          w.confidence = std::clamp(static_cast<double>(it->Confidence(tesseract::RIL_WORD)) / 100.0, 0.0, 1.0);
          Line& line = out.back();
          line.box = line.words.empty() ? w.box : Union(line.box, w.box);
          line.words.push_back(std::move(w));
        } while (it->Next(tesseract::RIL_WORD));
      }
    }
    api.Clear();
    return out;
  }

  int calls() const override { return calls_; }

  const std::string& script_language() override {
    ScriptApi();
    return script_language_;
  }

 private:
  // The page's language's own engine, set up when first needed (null if it
  // cannot be).
  tesseract::TessBaseAPI* PageApi() {
    if (!page_api_ && !page_tried_) {
      page_tried_ = true;
      page_api_ = InitApi(options_.tessdata_dir, options_.language);
    }
    return page_api_.get();
  }

  // The script model's engine, set up when first asked for; the page's
  // language's where the script model is not installed.
  tesseract::TessBaseAPI& ScriptApi() {
    if (script_api_) return *script_api_;
    if (!script_tried_) {
      script_tried_ = true;
      if (script_language_ != options_.language) script_api_ = InitApi(options_.tessdata_dir, script_language_);
      if (script_api_) return *script_api_;
      script_language_ = options_.language;
    }
    if (!script_api_) script_api_ = InitApi(options_.tessdata_dir, options_.language);
    return *script_api_;
  }

  // The box cut out of the page (8-bit grey), a white margin around it, turned
  // and deskewed as the recogniser turned the page. Null when the box is not
  // on the page.
  static PixPtr CutOut(const PageImage& page, int rotation, double skew_degrees, const Box& box,
                       int* margin_out = nullptr) {
    Pix* pix = PixOf(page);
    if (pix == nullptr || box.empty()) return nullptr;
    const int w = static_cast<int>(pixGetWidth(pix)), h = static_cast<int>(pixGetHeight(pix));
    // A pixel or two beyond the box: boxes mapped back from the deskewed page
    // may shave a mark's edge.
    const int x0 = std::max(0, box.x - 2), y0 = std::max(0, box.y - 2);
    const int x1 = std::min(w, box.x + box.w + 2), y1 = std::min(h, box.y + box.h + 2);
    if (x1 - x0 < 4 || y1 - y0 < 4) return nullptr;
    LeptBoxPtr clip(boxCreate(x0, y0, x1 - x0, y1 - y0));
    PixPtr cut(pixClipRectangle(pix, clip.get(), nullptr));
    if (!cut) return nullptr;
    PixPtr grey = ToGrey8(cut.get());
    if (!grey) return nullptr;
    const int quads = (((rotation % 360) + 360) % 360) / 90;
    if (quads != 0) {
      PixPtr turned(pixRotateOrth(grey.get(), quads));
      if (!turned) return nullptr;
      grey = std::move(turned);
    }
    if (std::abs(skew_degrees) >= 0.1) {
      const float radians = static_cast<float>(skew_degrees * std::numbers::pi / 180.0);
      PixPtr straight(pixRotate(grey.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (straight) grey = std::move(straight);
    }
    // A white margin a quarter of the text's height: Tesseract finds a line
    // better with some paper around it.
    const int text_h = static_cast<int>(std::min(pixGetWidth(grey.get()), pixGetHeight(grey.get())));
    const int margin = std::max(6, text_h / 4);
    if (margin_out) *margin_out = margin;
    PixPtr framed(pixAddBorder(grey.get(), margin, 255));
    return framed;
  }

  static Reading Collect(tesseract::TessBaseAPI& api) {
    Reading r;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it) return r;
    double low = 1.0;
    bool any = false;
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!text || IsBlank(text.get())) continue;
      if (any) r.text.push_back(' ');
      r.text += FixLookalikes(Nfc(text.get()));
      low = std::min(low, static_cast<double>(it->Confidence(tesseract::RIL_WORD)) / 100.0);
      any = true;
    } while (it->Next(tesseract::RIL_WORD));
    r.confidence = any ? std::clamp(low, 0.0, 1.0) : 0.0;
    return r;
  }

  RecognizerOptions options_;
  std::string script_language_;
  ApiPtr page_api_, script_api_;
  bool script_tried_ = false, page_tried_ = false;
  int calls_ = 0;
};

}  // namespace

std::unique_ptr<SecondLook> MakeSecondLook(const RecognizerOptions& options, const std::string& script_language) {
  return std::make_unique<TesseractSecondLook>(options, script_language);
}

class SharedSecondLook::ViewImpl final : public SecondLook {
 public:
  ViewImpl(SharedSecondLook& shared, tesseract::TessBaseAPI* borrowed)
      : shared_(shared), tesseract_(dynamic_cast<TesseractSecondLook*>(shared.look_.get())),
        borrowed_(tesseract_ != nullptr ? borrowed : nullptr) {}
  std::vector<Reading> Read(const PageImage& page, int rotation, double skew_degrees, const Box& box,
                            const std::vector<Look>& looks) override {
    std::lock_guard<std::mutex> lock(shared_.mu_);
    const int before = shared_.look_->calls();
    std::vector<Reading> readings = borrowed_ != nullptr
                                        ? tesseract_->ReadOn(borrowed_, page, rotation, skew_degrees, box, looks)
                                        : shared_.look_->Read(page, rotation, skew_degrees, box, looks);
    calls_ += shared_.look_->calls() - before;
    return readings;
  }
  std::vector<Line> ReadBlock(const PageImage& page, int rotation, double skew_degrees, const Box& box,
                              double scale) override {
    std::lock_guard<std::mutex> lock(shared_.mu_);
    const int before = shared_.look_->calls();
    std::vector<Line> lines = borrowed_ != nullptr
                                  ? tesseract_->ReadBlockOn(borrowed_, page, rotation, skew_degrees, box, scale)
                                  : shared_.look_->ReadBlock(page, rotation, skew_degrees, box, scale);
    calls_ += shared_.look_->calls() - before;
    return lines;
  }
  int calls() const override { return calls_; }
  const std::string& script_language() override {
    std::lock_guard<std::mutex> lock(shared_.mu_);
    return shared_.look_->script_language();
  }

 private:
  SharedSecondLook& shared_;
  TesseractSecondLook* tesseract_;    // the shared look, when it is Tesseract's
  tesseract::TessBaseAPI* borrowed_;  // the worker's engine, or null
  int calls_ = 0;
};

std::unique_ptr<SecondLook> SharedSecondLook::View(Recognizer* page_reader) {
  tesseract::TessBaseAPI* borrowed = page_reader != nullptr ? BorrowedEngine(*page_reader) : nullptr;
  return std::make_unique<ViewImpl>(*this, borrowed);
}

}  // namespace sovang::ocr
