# CPack settings; installer/ holds the platform pieces.
set(CPACK_PACKAGE_NAME "fabrica")
set(CPACK_PACKAGE_VENDOR "Fabrica")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "TGZ")
include(CPack)
