# Integration layer: tests/integration/test_*.sh against the real stack that
# scripts/test starts (scripts/stack) and describes in DHARMA_DATABASE_* variables.
# Each script creates its own database and drops it again. Exit 77 = skipped
# (stack missing, not in CI); with DHARMA_TEST_STRICT=1 a missing stack fails.
file(GLOB DHARMA_INTEGRATION_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.sh)
foreach(script ${DHARMA_INTEGRATION_SCRIPTS})
  get_filename_component(test_name ${script} NAME_WE)
  add_test(NAME integration/${test_name}
    COMMAND bash ${script} $<TARGET_FILE:dharma> ${CMAKE_CURRENT_BINARY_DIR}/integration-scratch/${test_name})
  set_tests_properties(integration/${test_name} PROPERTIES
    LABELS integration
    SKIP_RETURN_CODE 77
    TIMEOUT 300
    ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1;LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/lsan.supp")
endforeach()

# C++ integration tests (Store, Cache): one doctest binary; exit 77 = skipped.
file(GLOB DHARMA_INTEGRATION_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/store/*.cpp)
add_executable(dharma_integration_tests ${DHARMA_INTEGRATION_SOURCES})
target_link_libraries(dharma_integration_tests PRIVATE dharma::core doctest::doctest dharma_settings
                      PkgConfig::PQXX)
target_compile_definitions(dharma_integration_tests PRIVATE DHARMA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_test(NAME integration/store_and_cache COMMAND dharma_integration_tests --no-version=true)
set_tests_properties(integration/store_and_cache PROPERTIES
  LABELS integration
  SKIP_RETURN_CODE 77
  TIMEOUT 300
  ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/lsan.supp")

# 10,000 VUs: also `slow`, so a quick pass can leave it out (-LE slow).
set_tests_properties(integration/test_loadtest_10k_vus PROPERTIES LABELS "integration;slow")

# pgbench scripts written from the store's own statements (store_statements.hpp).
add_executable(dharma_pgbench_script ${CMAKE_CURRENT_LIST_DIR}/pgbench_script.cpp)
target_link_libraries(dharma_pgbench_script PRIVATE dharma::core dharma_settings)
set_property(TEST integration/test_store_statements_pgbench APPEND PROPERTY ENVIRONMENT
             "DHARMA_PGBENCH_SCRIPT=$<TARGET_FILE:dharma_pgbench_script>")
set_property(TEST integration/test_loadtest_vs_pgbench APPEND PROPERTY ENVIRONMENT
             "DHARMA_PGBENCH_SCRIPT=$<TARGET_FILE:dharma_pgbench_script>")
# A throughput comparison: nothing else of the suite runs beside it.
# Also `slow`: a throughput ratio means nothing for a sanitized build, so the
# ASan+UBSan pass (-LE "consumers|slow") leaves it out; the Release pass runs it.
set_tests_properties(integration/test_loadtest_vs_pgbench PROPERTIES RUN_SERIAL TRUE LABELS "integration;slow")

# The deploy tests start HAProxy/nginx front ends and test services on fixed
# loopback port ranges (tests/integration/deploy/lib.sh's free_port), some of
# which overlap: they take turns instead of racing for the same ports.
foreach(deploy_test test_deploy_haproxy test_deploy_kill9 test_deploy_loadtest_analysis test_deploy_nginx
        test_deploy_refusals)
  set_tests_properties(integration/${deploy_test} PROPERTIES RESOURCE_LOCK deploy_ports)
endforeach()
