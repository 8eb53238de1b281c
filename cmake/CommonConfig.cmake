# One INTERFACE target for the standard, warnings and strict Qt macros, linked by every target.
add_library(courier_common_config INTERFACE)
target_compile_features(courier_common_config INTERFACE cxx_std_20)
target_compile_definitions(courier_common_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    COURIER_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(courier_common_config INTERFACE -Wall -Wextra -pedantic -Wnon-virtual-dtor)
endif()
