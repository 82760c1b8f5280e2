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
// AWSDIRECT_LAZY_DECL (in place of AWSDIRECT_DECL) marks a client's calls built on its operations
// (paging helpers, waiters, finders), AWSDIRECT_LAZY_DEF their definitions. Header-only, each is
// a template on an unused parameter, so a file compiles the helpers it calls, not (as an inline
// function's body would make it) every operation, result reader and waiter that every helper of
// every included client uses: a sixth of the header-only build-cost file. Compiled, they are
// ordinary functions.
#if defined(AWSDIRECT_SEPARATE_COMPILATION)
#define AWSDIRECT_LAZY_DECL
#define AWSDIRECT_LAZY_DEF
#else
#define AWSDIRECT_LAZY_DECL template <class = void> inline
#define AWSDIRECT_LAZY_DEF template <class>
#endif
