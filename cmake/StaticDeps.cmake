# Start-up cost of the dharma executable (docs/PERFORMANCE.md, "Start-up").
# Every shared library is mapped and relocated by the dynamic loader at each
# start, before main(). Two levers, for the executable only (tests and
# benchmarks link the shared libraries as before):
#   * the dependencies Debian also ships as static archives (libpqxx-dev,
#     libhiredis-dev, libre2-dev, libuv1-dev) are linked in. Not libyaml:
#     lintian refuses an embedded copy of it (embedded-library, an error);
#   * libpq and libcurl, which bring about 30 shared objects (Kerberos, LDAP,
#     GnuTLS, SASL...) but serve only the state commands and the load tests,
#     are loaded on first use (cli/lazy_libraries.cpp), so the package names
#     them in Depends itself (dpkg-shlibdeps cannot see them); so is libcrypto
#     (package libssl3), whose 21,000 relocations only the state commands
#     and the price catalog cache need.
# --as-needed then drops every shared library nothing refers to any more, and
# -O1 lets the linker optimise the hash tables the loader searches.
option(DHARMA_STATIC_DEPS "Link libpqxx, hiredis, re2 and libuv into the dharma executable" ON)
option(DHARMA_LAZY_LIBRARIES "Load libpq, libcurl and libcrypto on first use (x86-64 Linux)" ON)
# The C++ runtime (libstdc++, libgcc) linked in: resolving the executable's
# thousands of references to libstdc++.so was most of the loader's remaining
# work. libfmt.so would bring libstdc++.so back, so the few files that use
# fmt compile it header-only (lib/CMakeLists.txt). Not with sanitizers.
option(DHARMA_STATIC_CXX_RUNTIME "Link libstdc++ and libgcc into the dharma executable" ON)

macro(dharma_link_static_deps target lazy_source)
  target_link_options(${target} PRIVATE -Wl,-O1 -Wl,--as-needed)
  if(DHARMA_STATIC_CXX_RUNTIME AND NOT DHARMA_ASAN AND NOT DHARMA_UBSAN AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
  if(DHARMA_STATIC_DEPS)
    foreach(_dharma_archive libpqxx.a libhiredis.a libre2.a libuv_a.a)
      string(MAKE_C_IDENTIFIER "DHARMA_ARCHIVE_${_dharma_archive}" _dharma_variable)
      find_library(${_dharma_variable} NAMES ${_dharma_archive})
      if(${_dharma_variable})
        # After dharma_core on the link line, before the shared libraries it
        # names, so the archive satisfies its references first.
        target_link_libraries(${target} PRIVATE ${${_dharma_variable}})
      else()
        message(STATUS "  ${_dharma_archive} not found: linked shared")
      endif()
    endforeach()
  endif()
  if(DHARMA_LAZY_LIBRARIES AND CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
    set_source_files_properties(${lazy_source} PROPERTIES COMPILE_DEFINITIONS DHARMA_LAZY_LIBRARIES)
    target_link_libraries(${target} PRIVATE ${CMAKE_DL_LIBS})
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpq5, libcurl4, libssl3")
  endif()
endmacro()
