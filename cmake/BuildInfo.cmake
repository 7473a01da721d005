# Writes dharma_build_info.hpp with the git commit the build is made from.
# Run at every build (cli/CMakeLists.txt) as `cmake -DSOURCE_DIR=… -DOUTPUT=…
# [-DCOMMIT=…] -P BuildInfo.cmake`; the header is rewritten only when the
# commit changes, so an unchanged HEAD recompiles nothing. COMMIT (the cache
# variable DHARMA_GIT_COMMIT) wins, for builds from a tarball; outside a git
# checkout, or without git, the commit is "unknown".
if(NOT COMMIT)
  find_program(GIT_PROGRAM git)
  if(GIT_PROGRAM)
    execute_process(COMMAND ${GIT_PROGRAM} -C ${SOURCE_DIR} rev-parse HEAD
      OUTPUT_VARIABLE COMMIT RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT status EQUAL 0)
      set(COMMIT "")
    endif()
  endif()
endif()
if(NOT COMMIT)
  set(COMMIT unknown)
endif()
file(CONFIGURE OUTPUT ${OUTPUT} CONTENT "#pragma once\n#define DHARMA_GIT_COMMIT \"${COMMIT}\"\n" @ONLY)
