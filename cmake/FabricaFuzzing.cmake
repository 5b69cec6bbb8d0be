# FABRICA_FUZZ: libFuzzer targets, one per tests/fuzz/fuzz_*.cpp (tests/fuzz/CMakeLists.txt), run by
# `scripts/test.sh --fuzz`. fabrica_core gets the fuzzer's coverage instrumentation and ASan/UBSan, so the
# fuzzer steers by what happens inside the library and every memory error or undefined behaviour aborts.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "FABRICA_FUZZ needs clang with libFuzzer; configure with CC=clang CXX=clang++")
endif()

set(FABRICA_FUZZ_SANITIZERS address,undefined)
set(FABRICA_FUZZ_COMPILE_OPTIONS -fno-omit-frame-pointer -fno-sanitize-recover=undefined)

target_compile_options(fabrica_core PRIVATE
    -fsanitize=fuzzer-no-link,${FABRICA_FUZZ_SANITIZERS} ${FABRICA_FUZZ_COMPILE_OPTIONS})
# Whatever links the instrumented library needs the sanitizer runtimes.
target_link_options(fabrica_core INTERFACE -fsanitize=${FABRICA_FUZZ_SANITIZERS})

add_custom_target(fabrica_fuzzers)

# fabrica_add_fuzzer(source): one libFuzzer executable named after the source file (fuzz_zip.cpp → fuzz_zip).
function(fabrica_add_fuzzer source)
    get_filename_component(name ${source} NAME_WE)
    add_executable(${name} ${source})
    target_link_libraries(${name} PRIVATE fabrica_core fabrica_compile_options)
    target_compile_options(${name} PRIVATE
        -fsanitize=fuzzer,${FABRICA_FUZZ_SANITIZERS} ${FABRICA_FUZZ_COMPILE_OPTIONS})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,${FABRICA_FUZZ_SANITIZERS})
    add_dependencies(fabrica_fuzzers ${name})
endfunction()
