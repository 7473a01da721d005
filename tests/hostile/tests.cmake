# Hostile-input layer (issue 15): tests/hostile/test_*.sh, each a group of
# attacks on one command or concern. Every case asserts the exit code, the
# message, and that nothing outside the command's own output changed.
# Cases that need the state store skip (77) without the stack, and fail
# without it under DHARMA_TEST_STRICT=1, like the integration layer.
file(GLOB DHARMA_HOSTILE_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.sh)
foreach(script ${DHARMA_HOSTILE_SCRIPTS})
  get_filename_component(test_name ${script} NAME_WE)
  add_test(NAME hostile/${test_name}
    COMMAND bash ${script} $<TARGET_FILE:dharma> ${CMAKE_CURRENT_BINARY_DIR}/hostile-scratch/${test_name})
  set_tests_properties(hostile/${test_name} PROPERTIES
    LABELS hostile
    SKIP_RETURN_CODE 77
    TIMEOUT 600
    ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/integration/lsan.supp")
endforeach()
