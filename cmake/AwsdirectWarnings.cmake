# Strict warnings and optional sanitizers for the project's own tests, examples and benchmarks.
add_library(awsdirect_strict INTERFACE)
target_compile_options(awsdirect_strict INTERFACE -Wall -Wextra -Wpedantic -Werror)

# With AWSDIRECT_SANITIZE, the library's definitions are compiled with AddressSanitizer and
# UndefinedBehaviorSanitizer (awsdirect_sanitized) and every program links their runtimes
# (awsdirect_strict). Tests and examples themselves are not instrumented: what they exercise is
# the library, and instrumenting them would double the build of the suite.
add_library(awsdirect_sanitized INTERFACE)
if(AWSDIRECT_SANITIZE)
  target_compile_options(awsdirect_sanitized INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                       -fno-sanitize-recover=undefined)
  target_link_options(awsdirect_strict INTERFACE -fsanitize=address,undefined)
endif()

# One program per source file, named after it: examples/sigv4.cpp becomes `sigv4`.
function(awsdirect_programs_from_sources prefix)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  foreach(source ${sources})
    get_filename_component(name ${source} NAME_WE)
    add_executable(${prefix}${name} ${source})
    target_link_libraries(${prefix}${name} PRIVATE awsdirect::awsdirect awsdirect_strict)
  endforeach()
endfunction()
