# Every third-party library becomes one imported target, sovang::<name>.
# Only the module that wraps a library may link it (see SovangLayering.cmake).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract)
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(nlohmann_json REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation Net Util)

add_library(sovang_dep_sqlite INTERFACE)
target_link_libraries(sovang_dep_sqlite INTERFACE PkgConfig::SQLITE3)
add_library(sovang::sqlite ALIAS sovang_dep_sqlite)

add_library(sovang_dep_tesseract INTERFACE)
target_link_libraries(sovang_dep_tesseract INTERFACE PkgConfig::TESSERACT PkgConfig::LEPTONICA)
add_library(sovang::tesseract ALIAS sovang_dep_tesseract)

add_library(sovang_dep_poppler INTERFACE)
target_link_libraries(sovang_dep_poppler INTERFACE PkgConfig::POPPLER)
add_library(sovang::poppler ALIAS sovang_dep_poppler)

add_library(sovang_dep_xapian INTERFACE)
target_link_libraries(sovang_dep_xapian INTERFACE PkgConfig::XAPIAN)
add_library(sovang::xapian ALIAS sovang_dep_xapian)

add_library(sovang_dep_icu INTERFACE)
target_link_libraries(sovang_dep_icu INTERFACE ICU::uc ICU::i18n PkgConfig::HUNSPELL)
add_library(sovang::icu ALIAS sovang_dep_icu)

add_library(sovang_dep_render INTERFACE)
target_link_libraries(sovang_dep_render INTERFACE PkgConfig::PANGOCAIRO PkgConfig::CAIRO PkgConfig::QRENCODE)
add_library(sovang::cairo ALIAS sovang_dep_render)

add_library(sovang_dep_sodium INTERFACE)
target_link_libraries(sovang_dep_sodium INTERFACE PkgConfig::SODIUM)
add_library(sovang::sodium ALIAS sovang_dep_sodium)

add_library(sovang_dep_poco INTERFACE)
target_link_libraries(sovang_dep_poco INTERFACE Poco::Foundation Poco::Net Poco::Util)
add_library(sovang::poco ALIAS sovang_dep_poco)

# nlohmann::json is header-only and treated like the standard library: any
# module may use it for JSON values in its public API.
