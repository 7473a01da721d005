# Every third-party dependency is found here, once, from Debian 12 packages
# (scripts/bootstrap installs them). Targets elsewhere link the dharma::* aliases.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)  # PQconninfoParse: check a URL before connecting
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(LIBUV REQUIRED IMPORTED_TARGET libuv)  # the loadtest engine's event loop
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)  # the loadtest engine's HTTP client (multi + libuv)
if(DHARMA_TESTS)
  find_package(doctest REQUIRED)
endif()

message(STATUS "  libyaml ${LIBYAML_VERSION}, libpqxx ${PQXX_VERSION}, hiredis ${HIREDIS_VERSION}, re2 ${RE2_VERSION}")
message(STATUS "  libuv ${LIBUV_VERSION}, libcurl ${LIBCURL_VERSION}")
