# Real consumers (docs/testing.md): what dharma generate writes must be
# accepted by the tools that read it. Node packages come from
# tests/consumers/package.json (scripts/test runs npm ci); checks skip with
# exit 77 when a tool is missing, and fail instead under DHARMA_TEST_STRICT=1.
foreach(check roundtrip schemas kubernetes kustomize terraform_fmt)
  add_test(NAME consumers/${check}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh ${check} $<TARGET_FILE:dharma>
            ${CMAKE_CURRENT_BINARY_DIR}/consumers-scratch/${check})
  set_tests_properties(consumers/${check} PROPERTIES LABELS consumers SKIP_RETURN_CODE 77
    ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
endforeach()

add_test(NAME consumers/sarif-multitool
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/consumers/sarif_validate.sh $<TARGET_FILE:dharma> ${PROJECT_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/consumers-scratch/sarif)
set_tests_properties(consumers/sarif-multitool PROPERTIES LABELS consumers SKIP_RETURN_CODE 77
  ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
