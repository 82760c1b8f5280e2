# What `cmake --install` and `cpack -G DEB` deliver, and how a consumer finds it:
#   include/                              the headers (both modes)
#   LIBDIR/libawsdirect.a                 the definitions compiled once (awsdirect::compiled)
#   LIBDIR/cmake/awsdirect/               find_package(awsdirect): awsdirect::awsdirect (awsdirect::compiled,
#                                         or header-only when AWSDIRECT_SEPARATE_COMPILATION is OFF),
#                                         awsdirect::header_only, awsdirect::compiled
#   LIBDIR/pkgconfig/awsdirect.pc         the compiled library, for Makefiles, Meson...
#   LIBDIR/pkgconfig/awsdirect-header-only.pc  header-only
#   LIBDIR/pkgconfig/awsdirect-compiled.pc     the same as awsdirect.pc (its name when header-only was the default)
#   bin/awsdirect-*                       the example tools (examples/CMakeLists.txt)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(AWSDIRECT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/awsdirect)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS awsdirect_header_only awsdirect_compiled EXPORT awsdirectTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT awsdirectTargets NAMESPACE awsdirect:: DESTINATION ${AWSDIRECT_CMAKE_DIR})
configure_package_config_file(cmake/awsdirectConfig.cmake.in ${PROJECT_BINARY_DIR}/awsdirectConfig.cmake
                              INSTALL_DESTINATION ${AWSDIRECT_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/awsdirectConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/awsdirectConfig.cmake ${PROJECT_BINARY_DIR}/awsdirectConfigVersion.cmake
        DESTINATION ${AWSDIRECT_CMAKE_DIR})

# pkg-config files that find the prefix from their own place, so the tree can be moved.
file(RELATIVE_PATH AWSDIRECT_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
foreach(pc awsdirect awsdirect-header-only awsdirect-compiled)
  configure_file(cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB: one package, awsdirect_VERSION_ARCH.deb, installing under /usr.
set(CPACK_PACKAGE_NAME awsdirect)
set(CPACK_PACKAGE_VENDOR awsdirect)
set(CPACK_PACKAGE_CONTACT "awsdirect developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4-openssl-dev, libssl-dev, libpugixml-dev, zlib1g-dev")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Headers (header-only, or compiled once: libawsdirect.a), a CMake package (awsdirect::awsdirect),\npkg-config files (awsdirect, awsdirect-header-only), and the example tools as awsdirect-NAME.")
include(CPack)
