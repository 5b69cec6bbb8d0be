# fabrica_add_test(name [GUI] [LIBS lib...]): one Qt Test executable from tests/<name>.cpp.
function(fabrica_add_test name)
    cmake_parse_arguments(ARG "GUI" "" "LIBS" ${ARGN})
    add_executable(${name} ${name}.cpp)
    target_link_libraries(${name} PRIVATE fabrica_core Qt6::Test fabrica_compile_options ${ARG_LIBS})
    if(ARG_GUI)
        target_link_libraries(${name} PRIVATE fabrica_ui)
    endif()
    target_compile_definitions(${name} PRIVATE FABRICA_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    if(FABRICA_SANITIZE)
        # The code under test is the libraries, built optimised; a test's own code optimised under the
        # sanitizers cost a third of scripts/test.sh's build for nothing (tst_generate: 47 s of CPU at -O2,
        # 13 s at -O0). _FORTIFY_SOURCE needs the optimiser, so it goes too.
        target_compile_options(${name} PRIVATE -O0 -U_FORTIFY_SOURCE)
    endif()
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;FABRICA_SOURCE_DIR=${PROJECT_SOURCE_DIR};FABRICA_BINARY=$<TARGET_FILE:fabrica>"
        TIMEOUT 600)
endfunction()
