# `dharma drift` (docs/drift.md): for every example with Terraform resources,
# in its default and prod environments, a state built from the rendered
# Terraform (state_from_rendered.py) is in sync; one changed attribute, one
# deleted and one added resource, and the ignore file each give exactly the
# expected finding. Unit tests of the state reader and the differ are in
# tests/unit/test_drift_*.cpp; bad inputs in tests/cli/bad/drift-*.
foreach(example aws-web-app azure-app gcp-data-platform)
  foreach(env - prod)
    if(env STREQUAL "-")
      set(test_name drift/examples/${example})
    else()
      set(test_name drift/examples/${example}/${env})
    endif()
    add_test(NAME ${test_name}
      COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_example.sh $<TARGET_FILE:dharma>
              ${PROJECT_SOURCE_DIR}/examples/${example}.yaml ${env}
              ${PROJECT_SOURCE_DIR}/tests/examples/${example}.values.yaml
              ${CMAKE_CURRENT_BINARY_DIR}/drift-scratch/${example}-${env})
    set_tests_properties(${test_name} PROPERTIES LABELS drift ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
  endforeach()
endforeach()

# --k8s live: kubectl missing, no context (real kubectl), the exact command lines.
add_test(NAME drift/kubectl-live
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_kubectl_live.sh $<TARGET_FILE:dharma> ${PROJECT_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/drift-scratch/kubectl-live)
set_tests_properties(drift/kubectl-live PROPERTIES LABELS drift SKIP_RETURN_CODE 77
  ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
