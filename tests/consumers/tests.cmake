# Real consumers (docs/testing.md): tools that read what dharma emits.
# Their npm packages are declared in tests/consumers/package.json and
# installed by scripts/test (`npm ci`).

add_test(NAME consumers/sarif-multitool
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/consumers/sarif_validate.sh $<TARGET_FILE:dharma> ${PROJECT_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/consumers-scratch/sarif)
set_tests_properties(consumers/sarif-multitool PROPERTIES LABELS consumers SKIP_RETURN_CODE 77
  ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
