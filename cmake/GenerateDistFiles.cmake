# Build step (cmake/Distribution.cmake): runs the built dharma to write its
# man pages and completion scripts into OUT, so both come from the same
# CLI11 definitions as --help. Pages are written plain (OUT/man, read by
# tests) and gzip -9n compressed (OUT/man-gz, installed: Debian policy).
#   cmake -DDHARMA=path/to/dharma -DOUT=dir -P GenerateDistFiles.cmake
file(REMOVE_RECURSE ${OUT}/man ${OUT}/man-gz)
execute_process(COMMAND ${DHARMA} --quiet manpages --out ${OUT}/man RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dharma manpages failed (${status})")
endif()
file(MAKE_DIRECTORY ${OUT}/man-gz ${OUT}/completion)
file(GLOB pages ${OUT}/man/*.1)
foreach(page ${pages})
  get_filename_component(name ${page} NAME)
  execute_process(COMMAND gzip -9n -c ${page} OUTPUT_FILE ${OUT}/man-gz/${name}.gz RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed (${status})")
  endif()
endforeach()
foreach(shell_and_file "bash;dharma" "zsh;_dharma" "fish;dharma.fish")
  list(GET shell_and_file 0 shell)
  list(GET shell_and_file 1 file)
  execute_process(COMMAND ${DHARMA} completion ${shell} OUTPUT_FILE ${OUT}/completion/${file} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "dharma completion ${shell} failed (${status})")
  endif()
endforeach()
