# Generated documentation stays in step with its source: the policy reference
# in docs/guard.md is generated from policies/ (scripts/gen-guard-docs).
add_test(NAME docs/guard-policy-reference
  COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/gen-guard-docs --check $<TARGET_FILE:dharma>)
set_tests_properties(docs/guard-policy-reference PROPERTIES LABELS docs)
