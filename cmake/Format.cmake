# `cmake --build build --target format` rewrites our sources with .clang-format;
# `--target format-check` fails on any difference (scripts/test runs it).
# The version is pinned: another clang-format release formats some constructs
# differently, and the check must not depend on which one a machine has.
# scripts/bootstrap installs exactly this one.
find_program(CLANG_FORMAT_PROGRAM NAMES clang-format-14)
if(CLANG_FORMAT_PROGRAM)
  file(GLOB_RECURSE _dharma_format_sources CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/cli/*.cpp ${PROJECT_SOURCE_DIR}/cli/*.hpp
    ${PROJECT_SOURCE_DIR}/lib/*.cpp ${PROJECT_SOURCE_DIR}/lib/*.hpp
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.hpp
    ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/tools/*.cpp)
  add_custom_target(format
    COMMAND ${CLANG_FORMAT_PROGRAM} -i ${_dharma_format_sources}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Formatting sources with clang-format")
  add_custom_target(format-check
    COMMAND ${CLANG_FORMAT_PROGRAM} --dry-run --Werror ${_dharma_format_sources}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Checking source formatting")
endif()
