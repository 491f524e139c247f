# Runs `PROGRAM WORKLOAD <iterations>` under callgrind (counting only between the program's
# start/stop client requests) and fails when the instructions per execute exceed the threshold
# of WORKLOAD for COMPILER in THRESHOLDS. Lines there: workload compiler iterations threshold.
#   cmake -DVALGRIND=... -DPROGRAM=... -DWORKLOAD=... -DCOMPILER=GNU-12 -DTHRESHOLDS=... -DOUT=dir -P check_instructions.cmake
file(STRINGS ${THRESHOLDS} _lines REGEX "^[a-z]")
foreach(line ${_lines})
  if(line MATCHES "^([a-z0-9_]+)[ \t]+([A-Za-z]+-[0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)")
    if(CMAKE_MATCH_1 STREQUAL WORKLOAD AND CMAKE_MATCH_2 STREQUAL COMPILER)
      set(iterations ${CMAKE_MATCH_3})
      set(threshold ${CMAKE_MATCH_4})
    endif()
  endif()
endforeach()
if(NOT threshold)
  message(FATAL_ERROR "perf: no line `${WORKLOAD} ${COMPILER} <iterations> <threshold>` in ${THRESHOLDS}")
endif()

set(out ${OUT}/callgrind.${WORKLOAD}.out)
file(REMOVE ${out})
execute_process(COMMAND ${VALGRIND} --tool=callgrind --instr-atstart=no --callgrind-out-file=${out}
                        ${PROGRAM} ${WORKLOAD} ${iterations}
                RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT rc EQUAL 0 OR NOT EXISTS ${out})
  message(FATAL_ERROR "perf: ${PROGRAM} ${WORKLOAD} ${iterations} under callgrind failed (${rc}):\n${stdout}\n${stderr}")
endif()
file(STRINGS ${out} _totals REGEX "^totals:")
list(GET _totals 0 _total_line)
if(NOT _total_line MATCHES "^totals: ([0-9]+)")
  message(FATAL_ERROR "perf: no instruction total in ${out}")
endif()
set(total ${CMAKE_MATCH_1})
math(EXPR per_execute "${total} / ${iterations}")
math(EXPR percent "100 * ${per_execute} / ${threshold}")
math(EXPR suggested "${per_execute} * 115 / 100")
message(STATUS "${WORKLOAD} (${COMPILER}): ${per_execute} instructions per execute "
               "(${total} for ${iterations} executes), threshold ${threshold} (${percent}% of it)")
if(per_execute GREATER threshold)
  message(FATAL_ERROR
          "perf: ${WORKLOAD} took ${per_execute} instructions per execute, above its threshold of "
          "${threshold} (${percent}%) for ${COMPILER} in ${THRESHOLDS}. The hot path got slower: "
          "callgrind_annotate ${out} shows where the instructions go. If the extra work is "
          "intended, set the threshold to about 15% above the new count (${suggested}) and say "
          "why in the commit.")
endif()
if(percent LESS 70)
  message(STATUS "perf: ${WORKLOAD} is far below its threshold: lower it to ${suggested} in "
                 "${THRESHOLDS} so that a regression back to the old count is caught")
endif()
