# Generated documentation stays in step with its source: the policy reference
# in docs/guard.md is generated from policies/ (scripts/gen-guard-docs).
add_test(NAME docs/guard-policy-reference
  COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/gen-guard-docs --check $<TARGET_FILE:dharma>)
set_tests_properties(docs/guard-policy-reference PROPERTIES LABELS docs)

# Nothing under lib/ prints to stdout/stderr itself (docs/ARCHITECTURE.md, "Who may print").
add_test(NAME docs/no-direct-output-in-lib
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/no_direct_output.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(docs/no-direct-output-in-lib PROPERTIES LABELS docs)

# The folders under lib/dharma/ depend on each other one way only (docs/ARCHITECTURE.md, "Layers").
add_test(NAME docs/no-folder-cycles-in-lib
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/no_folder_cycles.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(docs/no-folder-cycles-in-lib PROPERTIES LABELS docs)

# cli/ includes only api/ (and util/) headers (docs/ARCHITECTURE.md, "Layers and who may call whom").
add_test(NAME docs/cli-includes-only-api
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_includes_only_api.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(docs/cli-includes-only-api PROPERTIES LABELS docs)
