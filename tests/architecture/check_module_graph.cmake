# cmake -DGENERATED=<build>/modules.dot -DCOMMITTED=<source>/resources/doc/modules.dot -P check_module_graph.cmake
# Fails when the module graph this build's configure wrote from the CMake targets differs from the
# committed one; prints "SKIP: ..." (ctest: Skipped) when the two come from different configurations.
foreach(variable GENERATED COMMITTED)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "check_module_graph.cmake needs -D${variable}=<file>")
    endif()
endforeach()
set(update "run ./run.sh module-graph and commit resources/doc/modules.dot and modules.svg")
if(NOT EXISTS "${GENERATED}")
    message(FATAL_ERROR "no ${GENERATED}: the top-level CMakeLists.txt should write it at configure "
        "time (tessera_write_module_graph, modules/ModuleGraph.cmake); reconfigure the build")
endif()
if(NOT EXISTS "${COMMITTED}")
    message(FATAL_ERROR "no ${COMMITTED}: ${update}")
endif()

file(READ "${GENERATED}" generated)
file(READ "${COMMITTED}" committed)
string(REPLACE "\r\n" "\n" committed "${committed}") # a checkout with CRLF line ends
if(generated STREQUAL committed)
    message(STATUS "resources/doc/modules.dot matches the CMake targets")
    return()
endif()

# The header line "// Configuration: ..." names the options that add or remove targets: a tree
# configured otherwise cannot draw the committed picture, and says so instead of failing.
string(REGEX MATCH "// Configuration: [^\n]*" generated_configuration "${generated}")
string(REGEX MATCH "// Configuration: [^\n]*" committed_configuration "${committed}")
if(NOT generated_configuration STREQUAL committed_configuration)
    string(REPLACE "// Configuration: " "" generated_configuration "${generated_configuration}")
    string(REPLACE "// Configuration: " "" committed_configuration "${committed_configuration}")
    message("SKIP: this tree is configured with ${generated_configuration}, the committed module "
        "graph with ${committed_configuration}: only a tree configured like it can compare them")
    return()
endif()

find_program(DIFF diff)
if(DIFF)
    execute_process(COMMAND ${DIFF} -u --label "committed ${COMMITTED}" --label "generated ${GENERATED}"
        "${COMMITTED}" "${GENERATED}" OUTPUT_VARIABLE differences)
    message("${differences}")
endif()
message(FATAL_ERROR "The module graph in resources/doc/modules.dot no longer matches the CMake "
    "targets' links (${GENERATED}): ${update}.")
