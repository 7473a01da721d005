# Example blueprints (examples/*.yaml): each must validate with --strict and no
# diagnostics, and resolve with `show`, in every environment (none, dev,
# staging, prod). Sensitive parameters come from tests/examples/<name>.values.yaml
# and must never appear in the output; `cost` and `guard` also run without them.
file(GLOB DHARMA_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml)
foreach(example ${DHARMA_EXAMPLES})
  get_filename_component(example_name ${example} NAME_WE)
  set(values_file ${CMAKE_CURRENT_LIST_DIR}/${example_name}.values.yaml)
  if(NOT EXISTS ${values_file})
    set(values_file -)
  endif()
  foreach(env - dev staging prod)
    if(env STREQUAL "-")
      set(test_name examples/${example_name})
    else()
      set(test_name examples/${example_name}/${env})
    endif()
    add_test(NAME ${test_name}
      COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_example.sh $<TARGET_FILE:dharma>
              ${example} ${env} ${values_file} ${CMAKE_CURRENT_BINARY_DIR}/examples-scratch/${example_name}-${env})
    set_tests_properties(${test_name} PROPERTIES LABELS examples ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
  endforeach()
endforeach()
