# CPack: a .deb and a .tar.gz of what `cmake --install` puts into the prefix (app/ and installer/).
# scripts/package.sh builds a Release build and runs `cpack -G "DEB;TGZ"`; docs/packaging.md explains the
# package and the lintian findings left.
set(CPACK_PACKAGE_NAME fabrica)
set(CPACK_PACKAGE_VENDOR "The Fabrica developers")
set(CPACK_PACKAGE_CONTACT "${FABRICA_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "realistic synthetic test data from database schemas")
set(CPACK_PACKAGE_DESCRIPTION [=[Fabrica makes test data that looks real: names, addresses, e-mail addresses,
amounts, dates and texts in several languages, with the keys, relations and
constraints of a database schema. The same seed always gives the same data.

It has a Qt window to describe schemas (or import them from SQL DDL, CSV
samples or a ZIP), a command line that writes CSV, TSV, JSON, JSON Lines or
SQL files or loads PostgreSQL, MariaDB or SQLite directly, and a REST API
server (fabrica serve) with users and roles, a systemd unit and samples for
nginx, Prometheus and Kubernetes in /usr/share/fabrica.]=])
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_FILE_NAME "fabrica-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Debian: the libraries the binary links come from dpkg-shlibdeps; Qt's plugins are loaded at run time, so
# the ones Fabrica needs are named: SQLite for its storage, the SVG icon engine for its icons.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${FABRICA_DEB_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${FABRICA_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
# PostgreSQL and MariaDB storage and targets need Qt's drivers; Qt's own texts (the dialogs' buttons) are
# German only with Qt's translations. pg_dump/pg_restore back up PostgreSQL storage (fabrica backup).
# MariaDB needs no client program.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, libqt6sql6-mysql, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
