# Warnings every module compiles with; errors when SOVANG_WERROR is on (CI).
add_library(sovang_warnings INTERFACE)
add_library(sovang::warnings ALIAS sovang_warnings)
target_compile_options(sovang_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(SOVANG_WERROR)
  target_compile_options(sovang_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 at -O3 (Release) reports std::string::replace inlined into our
    # code as a memcpy of 2^63 overlapping bytes, a known false positive of
    # its -Wrestrict: still shown, not fatal.
    target_compile_options(sovang_warnings INTERFACE -Wno-error=restrict)
  endif()
endif()
if(SOVANG_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
