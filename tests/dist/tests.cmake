# Getting dharma onto machines (docs/ARCHITECTURE.md, "Packaging"): shell
# completion in real shells, man pages against --help, the Debian package
# installed and used (label package; slow), and the CI recipes of docs/ci.md.
add_test(NAME dist/completion-bash
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/completion_bash.sh $<TARGET_FILE:dharma> ${CMAKE_CURRENT_BINARY_DIR}/dist-scratch/bash)
add_test(NAME dist/completion-zsh-fish
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/completion_zsh_fish.sh $<TARGET_FILE:dharma> ${CMAKE_CURRENT_BINARY_DIR}/dist-scratch/zsh-fish)
add_test(NAME dist/man-pages-match-help
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/man_pages.sh $<TARGET_FILE:dharma> ${PROJECT_BINARY_DIR}/dist/man)
add_test(NAME dist/version-reports-build-commit
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/build_info.sh $<TARGET_FILE:dharma> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/dist-scratch/build-info)
add_test(NAME dist/startup-loads-only-needed-libraries
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/startup_libraries.sh $<TARGET_FILE:dharma> ${DHARMA_STATIC_DEPS} ${DHARMA_LAZY_LIBRARIES}
          ${CMAKE_CURRENT_BINARY_DIR}/dist-scratch/startup-libraries)
set_tests_properties(dist/completion-bash dist/completion-zsh-fish dist/man-pages-match-help dist/version-reports-build-commit
  dist/startup-loads-only-needed-libraries
  PROPERTIES LABELS dist TIMEOUT 300 ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
# Builds, installs into this system and removes the Debian package (about a minute).
add_test(NAME dist/package-deb-installs-runs-removes
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/package_deb.sh ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR}/dist-scratch/package)
set_tests_properties(dist/package-deb-installs-runs-removes
  PROPERTIES LABELS "package;slow" TIMEOUT 600)
add_test(NAME dist/ci-recipes-run
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/ci_recipes.sh $<TARGET_FILE:dharma> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/dist-scratch/ci-recipes)
set_tests_properties(dist/ci-recipes-run PROPERTIES LABELS dist TIMEOUT 300 ENVIRONMENT "DHARMA_HOME=${PROJECT_SOURCE_DIR};NO_COLOR=1")
