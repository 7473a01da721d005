# The html cost report renders in a real browser: headless Chromium loads the
# page with every network request refused, the rendered DOM must hold the
# figures and the charts, and a screenshot must come out. Chromium comes from
# scripts/bootstrap --test; without it the test fails under
# DHARMA_TEST_STRICT=1 (CI) and skips loudly otherwise.
add_test(NAME cost/html-renders-in-chromium
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/html_renders.sh $<TARGET_FILE:dharma>
          ${PROJECT_SOURCE_DIR}/examples/aws-web-app.yaml ${PROJECT_SOURCE_DIR}/tests/examples/aws-web-app.values.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/cost-scratch/html)
set_tests_properties(cost/html-renders-in-chromium PROPERTIES
  LABELS consumers SKIP_RETURN_CODE 77 TIMEOUT 300
  ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")

# Every example prices every portable resource in every environment.
add_test(NAME cost/examples-fully-priced
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/examples_priced.sh $<TARGET_FILE:dharma>
          ${PROJECT_SOURCE_DIR}/examples ${PROJECT_SOURCE_DIR}/tests/examples)
set_tests_properties(cost/examples-fully-priced PROPERTIES LABELS cli
  ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
