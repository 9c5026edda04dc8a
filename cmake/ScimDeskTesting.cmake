# scimdesk_add_test(NAME SOURCES a.cpp b.cpp [LIBS ...] [LABELS ...] [TIMEOUT s] [ENVIRONMENT K=V ...])
# One Qt Test executable per test class, run offscreen with a fixed locale.
function(scimdesk_add_test NAME)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    add_executable(${NAME} ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/tests/support/InstallTranslations.cpp)
    # scimdesk_core for the English plural translator every test installs (tests/support).
    target_link_libraries(${NAME} PRIVATE Qt6::Test scimdesk_warnings scimdesk_core ${ARG_LIBS})
    add_test(NAME ${NAME} COMMAND ${NAME})
    set_tests_properties(${NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;SCIMDESK_SOURCE_DIR=${PROJECT_SOURCE_DIR};${ARG_ENVIRONMENT}")
endfunction()

# scimdesk_use_directory_fixture(): real slapd / Samba AD servers for a test.
include(${PROJECT_SOURCE_DIR}/tests/fixtures/ldap/DirectoryFixtures.cmake)
