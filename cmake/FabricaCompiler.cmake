# Compiler settings shared by every target: C++20, warnings, hardening, sanitizers, ccache.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
# Position-independent executables (ASLR) need the linker flag too, not only -fPIE.
include(CheckPIESupported)
check_pie_supported()
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

add_library(fabrica_compile_options INTERFACE)
if(MSVC)
    target_compile_options(fabrica_compile_options INTERFACE /W4 /permissive- /utf-8)
else()
    target_compile_options(fabrica_compile_options INTERFACE
        -Wall -Wextra -Wpedantic -Werror=format-security
        -fstack-protector-strong)
    # _FORTIFY_SOURCE needs the optimiser; glibc warns when it is set at -O0.
    target_compile_definitions(fabrica_compile_options INTERFACE
        $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
    if(NOT APPLE)
        target_link_options(fabrica_compile_options INTERFACE
            LINKER:-z,relro LINKER:-z,now LINKER:--as-needed)
    endif()
endif()
target_compile_definitions(fabrica_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

if(FABRICA_SANITIZE)
    target_compile_options(fabrica_compile_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(fabrica_compile_options INTERFACE -fsanitize=address,undefined)
endif()
