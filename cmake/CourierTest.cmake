# courier_add_test(NAME SOURCES ... [LIBS ...] [LABELS ...])
# Builds tests/<dir>/tst_<name>.cpp into an executable and registers it with CTest, offscreen
# and with a fixed locale so results do not depend on the machine.
function(courier_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
    qt_add_executable(tst_${name} ${ARG_SOURCES})
    target_link_libraries(tst_${name} PRIVATE courier_common_config Qt6::Test ${ARG_LIBS})
    target_include_directories(tst_${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    target_compile_definitions(tst_${name} PRIVATE
        COURIER_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    # Tests read better with plain literals ("a", {"x", "y"}); production code stays strict.
    target_compile_options(tst_${name} PRIVATE -UQT_NO_CAST_FROM_ASCII -UQT_NO_CAST_FROM_BYTEARRAY)
    add_test(NAME ${name} COMMAND tst_${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;TZ=UTC"
        TIMEOUT 300
        LABELS "${ARG_LABELS}")
endfunction()
