# The library's own dependencies, found the same way for every consumer.
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(pugixml REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)  # CRC32, S3's default checksum; libcurl depends on it already
if(NOT TARGET pugixml::pugixml AND TARGET pugixml)
  add_library(pugixml::pugixml ALIAS pugixml)
endif()
