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
  target_link_libraries(${name} PUBLIC hamilton::core ${ARG_LINK})
endfunction()
