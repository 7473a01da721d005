# Load-test reports (docs/loadtest-report.md): reports written by an
# independent generator (make_report.py) read, merged and rendered by dharma.
#   merge-equals-one-run     `loadtest merge` of two overlapping runs equals the report of
#                            one run over all their samples; percentiles within 1/128 of an
#                            exact sort (cli label)
#   prometheus-parses        `--prometheus` output read by the Prometheus project's own
#                            parser (python3-prometheus-client) plus strict format checks
#   html-renders-in-chromium `--out report.html` loaded in headless Chromium with the network
#                            refused: the charts and the figures are on the page (consumers
#                            label, like cost's html test)
foreach(check merge-equals-one-run prometheus-parses html-renders-in-chromium)
  add_test(NAME loadtest/${check}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${check}.sh $<TARGET_FILE:dharma> ${CMAKE_CURRENT_LIST_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/loadtest-scratch/${check})
  set(label cli)
  if(check STREQUAL "html-renders-in-chromium")
    set(label consumers)
  endif()
  set_tests_properties(loadtest/${check} PROPERTIES
    LABELS ${label} SKIP_RETURN_CODE 77 TIMEOUT 300
    ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
endforeach()
