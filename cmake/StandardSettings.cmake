# Warnings and sanitizer flags for dharma's own targets only. Third-party
# headers come in as SYSTEM includes, so their warnings never fail our build.
add_library(dharma_settings INTERFACE)
target_compile_options(dharma_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports false -Wrestrict positives inside libstdc++'s std::string
# (GCC bug 105329) at -O3; they would fail -Werror builds for nothing.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(dharma_settings INTERFACE -Wno-restrict)
endif()
if(DHARMA_WERROR)
  target_compile_options(dharma_settings INTERFACE -Werror)
endif()

set(_dharma_sanitizers "")
if(DHARMA_ASAN)
  list(APPEND _dharma_sanitizers address)
endif()
if(DHARMA_UBSAN)
  list(APPEND _dharma_sanitizers undefined)
endif()
if(_dharma_sanitizers)
  list(JOIN _dharma_sanitizers "," _dharma_sanitize_list)
  target_compile_options(dharma_settings INTERFACE
    -fsanitize=${_dharma_sanitize_list} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(dharma_settings INTERFACE -fsanitize=${_dharma_sanitize_list})
  # GCC 12's -Wmaybe-uninitialized misfires inside libstdc++ (std::function,
  # std::optional) once sanitizer instrumentation is on; plain builds keep it.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(dharma_settings INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()
