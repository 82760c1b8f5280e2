#pragma once
// How awsdirect is compiled; every header includes this first.
//   header-only (the default): each header includes its definitions (impl/NAME.ipp) at its end,
//     so including the headers and linking libcurl, OpenSSL and pugixml is all a program does.
//   AWSDIRECT_SEPARATE_COMPILATION: the headers only declare; one source file of the program
//     includes <awsdirect/src.hpp>, which compiles every definition once. The CMake option
//     AWSDIRECT_SEPARATE_COMPILATION=ON does this for users of awsdirect::awsdirect.
// AWSDIRECT_DECL marks a function defined in an .ipp: inline in the first mode, an ordinary
// function of the one compiled unit in the second, so both modes share one text.
#if defined(AWSDIRECT_SEPARATE_COMPILATION)
#define AWSDIRECT_DECL
#else
#define AWSDIRECT_HEADER_ONLY 1
#define AWSDIRECT_DECL inline
#endif
