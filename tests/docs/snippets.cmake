# Compiles the C++ snippets of one markdown file, so that the documentation cannot rot.
#
#   cmake -DMD=<file.md> -DROOT=<source dir> -DCXX=<compiler> -DINCLUDES=<dir;dir> -DOUT=<dir>
#         [-DNAME=<name in messages and #line>] -P snippets.cmake
#
# Every ```cpp block (also ```c++, ```cxx) must follow a marker, an HTML comment on the nearest
# non-blank line above it (invisible on GitHub; indent it like the block inside a list item):
#
#   <!-- compile: file -->       a whole source file (a module of NODEs, or a program with
#                                main), compiled as written
#   <!-- compile: in-main -->    statements: compiled inside `int main() { ... }`; the block's
#                                `#include` lines go above main, after <iostream>, <memory>,
#                                <string>, <utility> and <vector> (hamilton headers are the
#                                block's to include)
#   <!-- compile: continues -->  appended to the previous compiled block of the same file (same
#                                translation unit, same scope), so it sees that block's names
#   <!-- compile: none, why -->  not compiled (pseudo-code); the reason is required
#
# A block without a marker, an unknown marker or a marker without a block fails the test. Each
# block is preceded by `#line`, so that compiler errors name and quote the markdown file's line.
# Snippets are compiled with -fsyntax-only: they must compile, they are not linked or run.

cmake_minimum_required(VERSION 3.20)

foreach(var MD ROOT CXX INCLUDES OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "snippets.cmake: -D${var}=... is required")
  endif()
endforeach()

file(RELATIVE_PATH md_name ${ROOT} ${MD})
if(DEFINED NAME)   # headers.cmake: MD is a header's comments as markdown, NAME the header
  set(md_name ${NAME})
endif()
string(MAKE_C_IDENTIFIER "${md_name}" md_id)
set(work ${OUT}/${md_id})
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})

# CMake lists split at `;` and treat `[`, `]` and `\` specially: carry them as control
# characters while the text is a list of lines, and put them back when writing.
string(ASCII 27 esc_backslash)
string(ASCII 28 esc_semicolon)
string(ASCII 29 esc_lbracket)
string(ASCII 30 esc_rbracket)
macro(unescape var)
  string(REPLACE "${esc_backslash}" "\\" ${var} "${${var}}")
  string(REPLACE "${esc_semicolon}" ";" ${var} "${${var}}")
  string(REPLACE "${esc_lbracket}" "[" ${var} "${${var}}")
  string(REPLACE "${esc_rbracket}" "]" ${var} "${${var}}")
endmacro()

file(READ ${MD} text)
string(REPLACE "\\" "${esc_backslash}" text "${text}")
string(REPLACE ";" "${esc_semicolon}" text "${text}")
string(REPLACE "[" "${esc_lbracket}" text "${text}")
string(REPLACE "]" "${esc_rbracket}" text "${text}")
string(REPLACE "\r" "" text "${text}")
string(REPLACE "\n" ";" lines "${text}")

set(prelude "#include <iostream>\n#include <memory>\n#include <string>\n#include <utility>\n#include <vector>\n")

set(errors "")         # problems with markers, one line each
set(units "")          # compiled units: u1 u2 ...
set(unit_count 0)
set(marker "")         # the pending marker and its line
set(marker_line 0)
set(in_block FALSE)
set(counts_file 0)
set(counts_in-main 0)
set(counts_continues 0)
set(counts_none 0)
set(counts_unmarked 0)
set(lineno 0)
foreach(line IN LISTS lines)
  math(EXPR lineno "${lineno} + 1")
  if(in_block)
    if(line MATCHES "^[ \t]*```[ \t]*$")
      set(in_block FALSE)
      if(block_mode STREQUAL "none")
        continue()
      endif()
      set(u u${unit_count})
      if(block_mode STREQUAL "in-main")
        # #include lines above main, the rest inside it
        foreach(l IN LISTS block_lines)
          string(REGEX MATCH "^([0-9]+):(.*)$" _ "${l}")
          set(n ${CMAKE_MATCH_1})
          set(code "${CMAKE_MATCH_2}")
          if(code MATCHES "^[ \t]*#[ \t]*include")
            set(part head)
          else()
            set(part body)
          endif()
          if(NOT "${${u}_${part}_next}" STREQUAL "${n}")   # a #line where the numbering jumps
            string(APPEND ${u}_${part} "#line ${n} \"${md_name}\"\n")
          endif()
          string(APPEND ${u}_${part} "${code}\n")
          math(EXPR ${u}_${part}_next "${n} + 1")
        endforeach()
      else()
        math(EXPR first "${block_start} + 1")
        string(APPEND ${u}_body "#line ${first} \"${md_name}\"\n")
        foreach(l IN LISTS block_lines)
          string(REGEX REPLACE "^[0-9]+:" "" code "${l}")
          string(APPEND ${u}_body "${code}\n")
        endforeach()
      endif()
      continue()
    endif()
    list(APPEND block_lines "${lineno}:${line}")
    continue()
  endif()

  if(line MATCHES "^[ ]*```[ \t]*([A-Za-z0-9+_-]*)")
    set(lang "${CMAKE_MATCH_1}")
    set(in_block TRUE)
    set(block_lines "")
    set(block_start ${lineno})
    if(NOT lang MATCHES "^(cpp|c\\+\\+|cxx|cc)$")
      set(block_mode "none")
      if(NOT marker STREQUAL "")
        list(APPEND errors "${md_name}:${marker_line}: a compile marker above a ```${lang} block (markers are for ```cpp blocks)")
        set(marker "")
      endif()
      continue()
    endif()
    if(marker STREQUAL "")
      list(APPEND errors "${md_name}:${lineno}: a ```cpp block without a marker: put <!-- compile: file|in-main|continues|none, why --> on the line above (tests/docs/snippets.cmake)")
      math(EXPR counts_unmarked "${counts_unmarked} + 1")
      set(block_mode "none")
      continue()
    endif()
    set(block_mode "${marker}")
    set(marker "")
    math(EXPR counts_${block_mode} "${counts_${block_mode}} + 1")
    if(block_mode STREQUAL "continues")
      if(unit_count EQUAL 0)
        list(APPEND errors "${md_name}:${lineno}: `compile: continues` but no compiled block precedes it")
        set(block_mode "none")
        continue()
      endif()
      set(block_mode "${u_mode}")   # same scope as the unit it continues
    elseif(NOT block_mode STREQUAL "none")
      math(EXPR unit_count "${unit_count} + 1")
      set(u_mode "${block_mode}")
      list(APPEND units u${unit_count})
      set(u${unit_count}_mode "${block_mode}")
      set(u${unit_count}_line ${lineno})
      set(u${unit_count}_head "")
      set(u${unit_count}_body "")
      set(u${unit_count}_head_next "")
      set(u${unit_count}_body_next "")
    endif()
    continue()
  endif()

  if(line MATCHES "^[ \t]*<!--[ \t]*compile:[ \t]*([A-Za-z-]+)(.*)-->[ \t]*$")
    set(m "${CMAKE_MATCH_1}")
    set(rest "${CMAKE_MATCH_2}")
    string(STRIP "${rest}" rest)
    if(NOT marker STREQUAL "")
      list(APPEND errors "${md_name}:${marker_line}: a compile marker without a ```cpp block below it")
    endif()
    if(NOT m MATCHES "^(file|in-main|continues|none)$")
      list(APPEND errors "${md_name}:${lineno}: unknown marker `compile: ${m}` (file, in-main, continues or none)")
      set(marker "")
      continue()
    endif()
    if(m STREQUAL "none" AND NOT rest MATCHES "[A-Za-z]")
      list(APPEND errors "${md_name}:${lineno}: `compile: none` needs a reason: <!-- compile: none, why -->")
    endif()
    set(marker "${m}")
    set(marker_line ${lineno})
    continue()
  endif()
  if(NOT marker STREQUAL "" AND NOT line MATCHES "^[ \t]*$")
    list(APPEND errors "${md_name}:${marker_line}: a compile marker without a ```cpp block below it")
    set(marker "")
  endif()
endforeach()
if(in_block)
  list(APPEND errors "${md_name}:${block_start}: a code block that is never closed")
endif()
if(NOT marker STREQUAL "")
  list(APPEND errors "${md_name}:${marker_line}: a compile marker without a ```cpp block below it")
endif()

# Write and compile each unit.
set(include_flags "")
foreach(dir IN LISTS INCLUDES)
  list(APPEND include_flags "-I${dir}")
endforeach()
set(failures "")
foreach(u IN LISTS units)
  set(src ${work}/${md_id}_${${u}_line}.cpp)
  if(${u}_mode STREQUAL "in-main")
    set(content "${prelude}${${u}_head}int main() {\n${${u}_body}}\n")
  else()
    set(content "${${u}_body}")
  endif()
  unescape(content)
  file(WRITE ${src} "${content}")
  execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only ${include_flags} ${src}
                  WORKING_DIRECTORY ${ROOT}   # where the compiler finds the markdown to quote it
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(APPEND failures "\n${md_name}:${${u}_line}: this snippet (${${u}_mode}) does not compile "
                           "(file ${src}):\n${out}${err}")
  endif()
endforeach()

list(LENGTH units n_units)
math(EXPR n_blocks "${counts_file} + ${counts_in-main} + ${counts_continues} + ${counts_none} + ${counts_unmarked}")
message(STATUS "${md_name}: ${n_blocks} C++ snippet(s): ${counts_file} file, ${counts_in-main} in-main, "
               "${counts_continues} continues, ${counts_none} none, ${counts_unmarked} without marker; "
               "${n_units} compiled unit(s)")
set(report "")
foreach(e IN LISTS errors)
  unescape(e)
  string(APPEND report "\n${e}")
endforeach()
string(APPEND report "${failures}")
if(NOT report STREQUAL "")
  message("${report}\n")   # unformatted, so that compiler messages read as the compiler wrote them
  message(FATAL_ERROR "${md_name}: C++ snippets that do not compile or lack a marker (above)")
endif()
