# The YAML files dharma ships (templates/, policies/, pricing/), parsed once at
# build time into the executable (tools/embed_data.cpp, lib/dharma/preparsed/;
# docs/PERFORMANCE.md, "Start-up: the shipped data parsed at build time").
# The binary still reads each file it needs, and uses the built tree only when
# the bytes are the same, so DHARMA_HOME and edited files behave as before.
option(DHARMA_EMBED_DATA "Carry the shipped catalogs, mappings, policies and price catalogs pre-parsed" ON)

function(dharma_embed_data target)
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/embedded_data/embedded_data.cpp)
  set(_dirs "")
  set(_inputs "")
  if(DHARMA_EMBED_DATA)
    set(_dirs templates policies pricing)
    foreach(_dir ${_dirs})
      file(GLOB_RECURSE _found CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${_dir}/*.yaml)
      list(APPEND _inputs ${_found})
    endforeach()
  endif()
  add_executable(dharma_embed_data ${PROJECT_SOURCE_DIR}/tools/embed_data.cpp)
  target_link_libraries(dharma_embed_data PRIVATE dharma::core dharma_settings)
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/embedded_data)
  add_custom_command(OUTPUT ${_out}
    COMMAND dharma_embed_data ${_out} ${PROJECT_SOURCE_DIR} ${_dirs}
    DEPENDS dharma_embed_data ${_inputs}
    COMMENT "Parsing the shipped YAML data for the executable" VERBATIM)
  target_sources(${target} PRIVATE ${_out})
  # One long string literal; -Wpedantic would count its length against C++'s minimum limit.
  set_source_files_properties(${_out} PROPERTIES COMPILE_OPTIONS -Wno-overlength-strings)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()
