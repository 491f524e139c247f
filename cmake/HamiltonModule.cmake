# hamilton_add_module(<name> [SHARED] SOURCES <files>... [LINK <targets>...])
#
# Builds the NODE functions in <files> as a hamilton module target, linked to hamilton::core
# (which brings hamilton::frame); LINK adds more (hamilton::io, your own libraries).
#
# NODE and HAMILTON_MODULE register functions from static initialisers. Objects in a plain
# static library that nothing references are dropped by the linker, and their registrations
# with them, silently. hamilton_add_module therefore builds an OBJECT library: linking it
# (target_link_libraries(app PRIVATE <name>)) puts every object file into the program, so
# every registration runs.
#
# With SHARED, the module is a shared library instead, for Builder::with_module_library()
# and `hamilton-cpp --module <file>`: its registrations run when it is loaded.
#
# Each source file is compiled with HAMILTON_SOURCE_HASH, the SHA-256 of its text: the code
# version of its NODEs (NodeSpec::version, shown by list_available_variables), which the result
# cache keys on. An edit re-runs CMake's configure step (CMAKE_CONFIGURE_DEPENDS) and so
# recompiles that file with its new hash. The version follows the file's text, not the headers
# or libraries it uses: set one by hand with the `version("...")` modifier when those change.
function(hamilton_add_module name)
  cmake_parse_arguments(ARG "SHARED" "" "SOURCES;LINK" ${ARGN})
  if(NOT ARG_SOURCES)
    set(ARG_SOURCES ${ARG_UNPARSED_ARGUMENTS})
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "hamilton_add_module(${name}): no SOURCES given")
  endif()
  if(ARG_SHARED)
    add_library(${name} SHARED ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES PREFIX "")
  else()
    add_library(${name} OBJECT ${ARG_SOURCES})
  endif()
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  foreach(src ${ARG_SOURCES})
    get_filename_component(abs "${src}" ABSOLUTE)
    if(EXISTS "${abs}")
      file(SHA256 "${abs}" hash)
      set_property(SOURCE "${src}" TARGET_DIRECTORY ${name} APPEND PROPERTY COMPILE_DEFINITIONS
                   "HAMILTON_SOURCE_HASH=\"${hash}\"")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${abs}")
    endif()
  endforeach()
  target_link_libraries(${name} PUBLIC hamilton::core ${ARG_LINK})
endfunction()
