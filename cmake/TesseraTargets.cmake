# Shared settings for every Tessera target, applied per target (no global add_definitions).

# tessera_apply_defaults(<target>): C++17, QT_NO_KEYWORDS (libtorch clashes with Qt's
# signals/slots/emit macros), strict warnings, optional sanitizers.
function(tessera_apply_defaults target)
    target_compile_features(${target} PRIVATE cxx_std_17)
    target_compile_definitions(${target} PRIVATE
        QT_NO_KEYWORDS
        QT_DISABLE_DEPRECATED_BEFORE=0x060000
        QT_USE_QSTRINGBUILDER)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
        -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
    if(TESSERA_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(TESSERA_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
            -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
    if(TESSERA_FUZZ)
        # Coverage for libFuzzer in every library a fuzz target reaches; the targets themselves
        # link with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt).
        target_compile_options(${target} PRIVATE -g -fsanitize=fuzzer-no-link,address,undefined
            -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# tessera_add_module(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Creates the library tessera_<name> with alias Tessera::<name>; public headers live in
# modules/<name>/include/tessera/<name>/, the implementation in modules/<name>/src/.
function(tessera_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
    set(target tessera_${name})
    add_library(${target} ${ARG_SOURCES})
    add_library(Tessera::${name} ALIAS ${target})
    target_include_directories(${target}
        PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
        PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    set_target_properties(${target} PROPERTIES OUTPUT_NAME tessera-${name}
        VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
    tessera_apply_defaults(${target})
    if(BUILD_SHARED_LIBS)
        install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/tessera)
    endif()
endfunction()

# tessera_add_test(<name> SOURCES ... LIBS ... [LABELS ...] [ENVIRONMENT ...])
# One QtTest executable tst_<name>, one ctest entry, labelled (unit, integration, gui, slow).
function(tessera_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    set(target tst_${name})
    add_executable(${target} ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Test ${ARG_LIBS})
    # Shared test helpers (real PNGs, raw SQL on catalogs, lyric lines) live in tests/support.
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    tessera_apply_defaults(${target})
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        # QtTest's QSKIP is QSKIP(statement, ...), called with one argument: standard only from C++20
        target_compile_options(${target} PRIVATE -Wno-gnu-zero-variadic-macro-arguments)
    endif()
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests AUTOMOC ON)
    add_test(NAME ${name} COMMAND ${target})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 600)
    endif()
    # QtTest's own limit per test function (300 s) would fail a slow function on a busy machine
    # before ctest's limit for the whole entry does: let ctest's be the one.
    math(EXPR function_timeout_ms "${ARG_TIMEOUT} * 1000")
    set(env QT_QPA_PLATFORM=offscreen QTEST_FUNCTION_TIMEOUT=${function_timeout_ms} ${ARG_ENVIRONMENT})
    if(TESSERA_SANITIZE)
        list(APPEND env ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "${env}")
endfunction()

# A QtTest entry ctest reports as Skipped, not Passed, when it skipped and nothing failed:
# QtTest exits 0 on a skip, so the verdict comes from its totals line. Use it for entries whose
# point is what may be skipped (an OpenGL path); a failure elsewhere in the run still fails.
set(TESSERA_QTEST_SKIPPED_REGEX "Totals: [0-9]+ passed, 0 failed, [1-9][0-9]* skipped")
# The exit code of an entry that cannot run here at all (the wrapper below), reported as Skipped.
set(TESSERA_SKIP_RETURN_CODE 77)

# tessera_add_gpu_test(<name> TARGET <tst_target> [XVFB_ARGS ...] [ARGS ...] [LABELS ...])
# A test needing OpenGL, run under Xvfb (Mesa's software OpenGL) with the xcb platform. Registered
# whether or not xvfb-run is installed: without it the entry says why and ctest reports it Skipped.
find_program(TESSERA_XVFB_RUN xvfb-run)
function(tessera_add_gpu_test name)
    cmake_parse_arguments(ARG "" "TARGET" "XVFB_ARGS;ARGS;LABELS" ${ARGN})
    if(TESSERA_XVFB_RUN)
        add_test(NAME ${name} COMMAND ${TESSERA_XVFB_RUN} -a ${ARG_XVFB_ARGS} $<TARGET_FILE:${ARG_TARGET}> ${ARG_ARGS})
    else()
        add_test(NAME ${name} COMMAND sh -c "echo 'SKIP: xvfb-run was not found when configuring: install the Debian package xvfb and reconfigure to run this OpenGL test'; exit ${TESSERA_SKIP_RETURN_CODE}")
    endif()
    set(env QT_QPA_PLATFORM=xcb QTEST_FUNCTION_TIMEOUT=600000)
    if(TESSERA_SANITIZE)
        # Mesa and the X client libraries leak a few hundred bytes at exit: not ours to fix.
        list(APPEND env ASAN_OPTIONS=abort_on_error=1:detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 600 ENVIRONMENT "${env}"
        SKIP_REGULAR_EXPRESSION "${TESSERA_QTEST_SKIPPED_REGEX}" SKIP_RETURN_CODE ${TESSERA_SKIP_RETURN_CODE})
endfunction()
