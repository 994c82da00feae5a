# Install rules and the Debian package, included from CMakeLists.txt.
#   cmake --install BUILD --prefix /usr --component vigie   (DESTDIR=... honoured)
#   cd BUILD && cpack -G DEB
# Layout (GNUInstallDirs): bin/vigie, share/vigie/{questionnaires,checks}/*.yaml,
# share/man/man1/vigie.1.gz, share/man/fr/man1/vigie.1.gz,
# share/bash-completion/completions/vigie, share/locale/LANG/LC_MESSAGES/vigie.mo,
# share/doc/vigie/. src/paths.c finds share/vigie relative to the installed binary.

set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME vigie)

install(TARGETS vigie RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT vigie)

foreach(kind questionnaires checks)
	file(GLOB files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${kind}/*.yaml)
	if(files)
		install(FILES ${files} DESTINATION ${CMAKE_INSTALL_DATADIR}/vigie/${kind}
			COMPONENT vigie)
	endif()
endforeach()

# Man pages, compressed as Debian wants them (gzip -9n: no name, no time stamp).
find_program(VIGIE_GZIP gzip)
set(VIGIE_MAN_OUTPUTS "")
foreach(page vigie.1 fr/vigie.1)
	get_filename_component(dir ${page} DIRECTORY)
	if(dir)
		set(dest ${CMAKE_INSTALL_MANDIR}/${dir}/man1)
	else()
		set(dest ${CMAKE_INSTALL_MANDIR}/man1)
	endif()
	set(in ${CMAKE_SOURCE_DIR}/man/${page})
	set(out ${CMAKE_BINARY_DIR}/man/${page})
	if(VIGIE_GZIP)
		add_custom_command(OUTPUT ${out}.gz
			COMMAND ${CMAKE_COMMAND} -E copy ${in} ${out}
			COMMAND ${VIGIE_GZIP} -9nf ${out}
			DEPENDS ${in} COMMENT "Compressing man page ${page}" VERBATIM)
		list(APPEND VIGIE_MAN_OUTPUTS ${out}.gz)
		install(FILES ${out}.gz DESTINATION ${dest} COMPONENT vigie)
	else()
		install(FILES ${in} DESTINATION ${dest} COMPONENT vigie)
	endif()
endforeach()
add_custom_target(vigie_man ALL DEPENDS ${VIGIE_MAN_OUTPUTS})

install(FILES ${CMAKE_SOURCE_DIR}/completion/vigie.bash
	DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME vigie
	COMPONENT vigie)

install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/SECURITY.md
	DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT vigie)

# Message catalogues, when there are any: po/LANG.po -> BUILD/locale/LANG/LC_MESSAGES/vigie.mo
# (where paths_locale_dir() looks in the build tree), installed under share/locale.
file(GLOB VIGIE_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
if(VIGIE_PO_FILES AND NOT TARGET vigie_mo)
	find_program(VIGIE_MSGFMT msgfmt REQUIRED)
	set(VIGIE_MO_FILES "")
	foreach(po ${VIGIE_PO_FILES})
		get_filename_component(lang ${po} NAME_WE)
		set(modir ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES)
		add_custom_command(OUTPUT ${modir}/vigie.mo
			COMMAND ${CMAKE_COMMAND} -E make_directory ${modir}
			COMMAND ${VIGIE_MSGFMT} --check -o ${modir}/vigie.mo ${po}
			DEPENDS ${po} COMMENT "Compiling catalogue ${lang}" VERBATIM)
		list(APPEND VIGIE_MO_FILES ${modir}/vigie.mo)
		install(FILES ${modir}/vigie.mo
			DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES COMPONENT vigie)
	endforeach()
	add_custom_target(vigie_mo ALL DEPENDS ${VIGIE_MO_FILES})
endif()

# The Debian package: cpack -G DEB in the build directory.
set(VIGIE_DEB_MAINTAINER "vigie maintainers <vigie@example.org>"
	CACHE STRING "Maintainer field of the .deb")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vigie)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${VIGIE_DEB_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
	"cybersecurity self-assessment for French local authorities")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "vigie asks a commune's IT contact a maturity questionnaire in the terminal
(French first, English available), runs local checks (TLS of the commune's
endpoints, file permissions of its servers), and writes a signed scorecard:
scores per domain, a grade from A to E and a prioritised action plan.
Consultants verify, collect and compare the scorecards of many communes.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Dependencies from the binary's libraries (dpkg-shlibdeps, in dpkg-dev); where it is
# missing, the Debian 12 names of the libraries vigie links.
find_program(VIGIE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(VIGIE_DPKG_SHLIBDEPS)
	set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
	set(CPACK_DEBIAN_PACKAGE_DEPENDS
		"libc6, libyaml-0-2, libssl3, libncursesw6, libtinfo6, libjansson4, libsqlite3-0")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "man-db")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
