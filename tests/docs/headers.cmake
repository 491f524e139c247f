# Compiles the examples in the `///` comments of the public headers, like the markdown files'
# snippets (snippets.cmake, whose markers they use):
#
#   /// <!-- compile: in-main -->
#   /// ```cpp
#   /// auto dr = hamilton::Builder().with_modules("my_functions").build();
#   /// ```
#
# Each header's `///` lines, without the `///`, become a markdown file with the header's line
# numbers (other lines blank), given to snippets.cmake; errors name the header and its line.
# An example indented by four spaces instead of fenced is refused: it would never be compiled.
#
#   cmake -DROOT=<source dir> -DCXX=<compiler> -DINCLUDES=<dir;dir> -DOUT=<dir> -P headers.cmake

cmake_minimum_required(VERSION 3.20)

foreach(var ROOT CXX INCLUDES OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "headers.cmake: -D${var}=... is required")
  endif()
endforeach()

file(GLOB_RECURSE headers RELATIVE ${ROOT} ${ROOT}/include/hamilton/*.hpp)
list(SORT headers)
file(MAKE_DIRECTORY ${OUT}/headers)
set(problems "")
set(checked 0)
foreach(header IN LISTS headers)
  file(READ ${ROOT}/${header} text)
  if(NOT text MATCHES "///")
    continue()
  endif()
  # Split into lines by hand (file(STRINGS) would drop the empty ones and shift line numbers).
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE ";" "\\;" text "${text}")
  string(REPLACE "\n" ";" text_lines "${text}")
  set(md "")
  set(in_fence FALSE)
  set(previous_blank TRUE)
  set(in_indented FALSE)
  set(lineno 0)
  foreach(line IN LISTS text_lines)
    math(EXPR lineno "${lineno} + 1")
    if(line MATCHES "^[ \t]*/// ?(.*)$")
      set(content "${CMAKE_MATCH_1}")
      if(content MATCHES "^[ \t]*```")
        if(in_fence)
          set(in_fence FALSE)
        else()
          set(in_fence TRUE)
        endif()
      elseif(NOT in_fence AND previous_blank AND content MATCHES "^    [^ ]")
        set(previous_blank FALSE)   # one message per example
        set(msg "${header}:${lineno}: an example indented by four spaces: write it as a ```cpp")
        string(APPEND msg " block with a compile marker above it (tests/docs/headers.cmake)")
        list(APPEND problems "${msg}")
      endif()
      if(content MATCHES "^[ \t]*$" AND NOT in_indented)
        set(previous_blank TRUE)
      elseif(NOT content MATCHES "^    " AND NOT content MATCHES "^[ \t]*$")
        set(previous_blank FALSE)
        set(in_indented FALSE)
      elseif(content MATCHES "^    ")
        set(in_indented TRUE)
      endif()
      string(APPEND md "${content}\n")
    else()
      set(previous_blank TRUE)
      string(APPEND md "\n")
    endif()
  endforeach()
  if(NOT md MATCHES "```")
    continue()
  endif()
  string(MAKE_C_IDENTIFIER "${header}" id)
  set(md_file ${OUT}/headers/${id}.md)
  file(WRITE ${md_file} "${md}")
  execute_process(COMMAND ${CMAKE_COMMAND} -DMD=${md_file} -DNAME=${header} -DROOT=${ROOT}
                          -DCXX=${CXX} "-DINCLUDES=${INCLUDES}" -DOUT=${OUT}
                          -P ${CMAKE_CURRENT_LIST_DIR}/snippets.cmake
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  math(EXPR checked "${checked} + 1")
  if(NOT rc EQUAL 0)
    list(APPEND problems "${out}${err}")
  else()
    string(STRIP "${out}" out)
    message("${out}")
  endif()
endforeach()
message(STATUS "headers.cmake: ${checked} header(s) with examples")
if(checked EQUAL 0)
  list(APPEND problems "no header has a compiled example: the scan is broken")
endif()
if(problems)
  string(REPLACE ";" "\n" report "${problems}")
  message("${report}\n")
  message(FATAL_ERROR "header examples that do not compile or are not marked (above)")
endif()
