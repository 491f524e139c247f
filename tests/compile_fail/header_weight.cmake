# Preprocesses a one-node module file (including <hamilton/node.hpp>) and the standard headers
# node.hpp includes, and fails if hamilton's own part (the difference) exceeds MAX_OWN_LINES.
function(preprocessed_lines file out)
  execute_process(COMMAND ${CXX} -std=c++20 -E -I${INCLUDE} -I${BINARY_INCLUDE} ${file}
                  OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "preprocessing ${file} failed: ${err}")
  endif()
  string(REGEX MATCHALL "\n" newlines "${text}")
  list(LENGTH newlines n)
  set(${out} ${n} PARENT_SCOPE)
endfunction()
preprocessed_lines(${DIR}/one_node_module.cpp module)
preprocessed_lines(${DIR}/std_floor.cpp floor)
preprocessed_lines(${DIR}/everything_header.cpp everything)
math(EXPR own "${module} - ${floor}")
message(STATUS "one-node module: ${module} lines; its standard headers: ${floor}; hamilton's own: ${own}; "
               "<hamilton/hamilton.hpp>: ${everything}")
if(own GREATER ${MAX_OWN_LINES})
  message(FATAL_ERROR "<hamilton/node.hpp> adds ${own} lines to the standard headers it needs "
                      "(at most ${MAX_OWN_LINES}): keep driver, plan, lifecycle and tools headers out of it")
endif()
