# Fails unless awsdirect, added to another project, defined its library targets and nothing else:
# no tests, examples or benchmarks to build, no install rules in the user's package.
function(awsdirect_expect_only_the_library dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirectories DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  list(REMOVE_ITEM targets awsdirect awsdirect_header_only awsdirect_compiled)
  if(targets OR subdirectories)
    message(FATAL_ERROR "awsdirect added more than its library: targets '${targets}', folders '${subdirectories}'")
  endif()
  if(AWSDIRECT_INSTALL)
    message(FATAL_ERROR "awsdirect would add its install rules to this project")
  endif()
endfunction()
