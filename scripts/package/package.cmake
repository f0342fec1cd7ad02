# The Debian package: after the build, `cmake --build build --target package` (cpack -G DEB in
# the build folder) makes zhixing_<version>_amd64.deb. Layout (README "Installing the package"):
#   /usr/bin/zhixing
#   /usr/share/zhixing/{fonts,web,sql,scripts}   read-only data; fonts built once, here
#   /usr/share/zhixing/config -> /etc/zhixing, templates -> /etc/zhixing/templates
#   /etc/zhixing/                                 conffiles: settings, court list, law articles,
#                                                 relief policy, the clerk-editable templates
#   /var/lib/zhixing/                             state (made by the postinst, owned by zhixing)
#   /lib/systemd/system/zhixing*.{service,timer}
# The maintainer scripts (postinst, prerm, postrm) make the zhixing account and the system
# PostgreSQL cluster 15/zhixing, migrate the schema and make the software seal token.

set(pkg_src ${PROJECT_SOURCE_DIR}/scripts/package)
set(pkg_gen ${CMAKE_BINARY_DIR}/package)
file(MAKE_DIRECTORY ${pkg_gen})

# /etc/zhixing/zhixing.properties: config/zhixing.properties with the package's values
# (scripts/package/zhixing.properties.package), made at build time so the two never drift.
add_custom_command(
  OUTPUT ${pkg_gen}/zhixing.properties
  COMMAND python3 ${pkg_src}/package-config.py ${PROJECT_SOURCE_DIR}/config/zhixing.properties
          ${pkg_src}/zhixing.properties.package ${pkg_gen}/zhixing.properties
  DEPENDS ${PROJECT_SOURCE_DIR}/config/zhixing.properties ${pkg_src}/zhixing.properties.package
          ${pkg_src}/package-config.py
  COMMENT "the package's /etc/zhixing/zhixing.properties")
add_custom_target(package_config ALL DEPENDS ${pkg_gen}/zhixing.properties)

install(TARGETS zhixing RUNTIME DESTINATION bin)

# read-only data
install(FILES ${PROJECT_SOURCE_DIR}/fonts/manifest.json ${PROJECT_SOURCE_DIR}/fonts/manifest-compact.json
        DESTINATION share/zhixing/fonts)
# the built faces the two manifests name (not the comparison builds, sources or logs)
set(pkg_faces)
foreach(manifest manifest.json manifest-compact.json)
  file(READ ${PROJECT_SOURCE_DIR}/fonts/${manifest} text)
  string(REGEX MATCHALL "\"fonts/build/[^\"]+\"" faces "${text}")
  string(REPLACE "\"" "" faces "${faces}")
  list(APPEND pkg_faces ${faces})
endforeach()
list(REMOVE_DUPLICATES pkg_faces)
list(TRANSFORM pkg_faces PREPEND ${PROJECT_SOURCE_DIR}/)
install(FILES ${pkg_faces} DESTINATION share/zhixing/fonts/build)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION share/zhixing/web
        FILES_MATCHING PATTERN "*.css" PATTERN "*.js" PATTERN "*.html" PATTERN "*.svg")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/batch/store/sql/ DESTINATION share/zhixing/sql
        FILES_MATCHING PATTERN "*.sql")
install(PROGRAMS ${pkg_src}/make-seal-token.sh DESTINATION share/zhixing/scripts)
install(CODE "
  file(MAKE_DIRECTORY \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/share/zhixing\")
  file(CREATE_LINK ${ZHIXING_PACKAGE_CONFDIR} \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/share/zhixing/config\" SYMBOLIC)
  file(CREATE_LINK ${ZHIXING_PACKAGE_CONFDIR}/templates \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/share/zhixing/templates\" SYMBOLIC)")

# configuration: every file under /etc/zhixing is a conffile
file(GLOB pkg_templates RELATIVE ${PROJECT_SOURCE_DIR}/templates ${PROJECT_SOURCE_DIR}/templates/*.mustache)
set(pkg_conffiles ${ZHIXING_PACKAGE_CONFDIR}/zhixing.properties ${ZHIXING_PACKAGE_CONFDIR}/courts.csv
    ${ZHIXING_PACKAGE_CONFDIR}/law-articles.properties ${ZHIXING_PACKAGE_CONFDIR}/relief-policy.properties)
foreach(t ${pkg_templates})
  list(APPEND pkg_conffiles ${ZHIXING_PACKAGE_CONFDIR}/templates/${t})
endforeach()
list(JOIN pkg_conffiles "\n" pkg_conffiles_text)
file(WRITE ${pkg_gen}/conffiles "${pkg_conffiles_text}\n")
install(FILES ${pkg_gen}/zhixing.properties ${PROJECT_SOURCE_DIR}/config/courts.csv
              ${PROJECT_SOURCE_DIR}/config/law-articles.properties
              ${PROJECT_SOURCE_DIR}/config/relief-policy.properties
        DESTINATION ${ZHIXING_PACKAGE_CONFDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/ DESTINATION ${ZHIXING_PACKAGE_CONFDIR}/templates
        FILES_MATCHING PATTERN "*.mustache")

# systemd units
install(FILES ${PROJECT_SOURCE_DIR}/config/zhixing.service ${PROJECT_SOURCE_DIR}/config/zhixing.timer
              ${PROJECT_SOURCE_DIR}/config/zhixing-schedule.service
              ${PROJECT_SOURCE_DIR}/config/zhixing-web.service
        DESTINATION /lib/systemd/system)
foreach(unit zhixing-backup.service zhixing-backup.timer)
  if(EXISTS ${PROJECT_SOURCE_DIR}/config/${unit})
    install(FILES ${PROJECT_SOURCE_DIR}/config/${unit} DESTINATION /lib/systemd/system)
  endif()
endforeach()

# maintainer scripts: executable copies (cpack takes their mode from the file)
foreach(script postinst prerm postrm)
  file(COPY ${pkg_src}/${script} DESTINATION ${pkg_gen}
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

# Packaging installs what the build made (zhixing and the package's settings file) and does not
# build the tests and benchmarks first: build, then `cmake --build build --target package`.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME zhixing)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "zhixing maintainers <zhixing@court.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "enforcement bureau batch: relief, court documents, relief ledger")
set(CPACK_PACKAGE_DESCRIPTION
    "zhixing reads enforcement cases, decides national judicial relief, renders the\nenforcement bureau's documents as PDF and keeps the relief fund's ledger.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# beyond the libraries shlibdeps finds: the database server and its tools, the seal's token,
# the faces the font manifest uses in place, and what the maintainer scripts run
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "postgresql-15, postgresql-client-15, postgresql-common, softhsm2, fonts-wqy-microhei, fonts-lxgw-wenkai, fonts-arphic-uming, adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${pkg_gen}/conffiles;${pkg_gen}/postinst;${pkg_gen}/prerm;${pkg_gen}/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
