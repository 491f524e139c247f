# Installs hamilton-cpp into a temporary prefix (outside the system's library path) and builds a
# consumer project against it with find_package(hamilton), the way {fmt} tests its install; then
# runs the installed command line, which finds its libraries through its relative RPATH.
# With SOURCE_DIR set instead, the consumer builds hamilton-cpp with add_subdirectory.
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
function(expect text regex)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "expected output matching `${regex}`, got:\n${text}")
  endif()
endfunction()

if(SOURCE_DIR)
  run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
      -DHAMILTON_SOURCE_DIR=${SOURCE_DIR} -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build --target consumer)
  run(${WORK_DIR}/build/consumer)
  expect("${last_output}" "total = 6 \\(hamilton-cpp ${VERSION}\\)")
  message(STATUS "consumer output: ${last_output}")
  return()
endif()

run(${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
expect("${last_output}" "total = 6 \\(hamilton-cpp ${VERSION}\\)")
message(STATUS "consumer output: ${last_output}")

# the installed command line runs from its prefix and loads a module built against the package
run(${WORK_DIR}/prefix/bin/hamilton-cpp --version)
expect("${last_output}" "^hamilton-cpp ${VERSION}")
run(${WORK_DIR}/prefix/bin/hamilton-cpp list --module ${WORK_DIR}/build/consumer_module.so)
expect("${last_output}" "total")
execute_process(COMMAND readelf -d ${WORK_DIR}/prefix/bin/hamilton-cpp OUTPUT_VARIABLE dyn)
expect("${dyn}" "RUNPATH[^\n]*\\[\\$ORIGIN/\\.\\./lib")
message(STATUS "installed hamilton-cpp: ${last_output}")
