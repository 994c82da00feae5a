# The Debian package: cpack -G DEB builds it, its control fields and contents are right,
# and its Depends name the package of every library the binary needs. Installing it with
# dpkg, running it and removing it happens only as root with CI=true or VIGIE_TEST_DEB=1
# (it changes the system: never on a developer's machine by surprise).
. "$2/tests/lib.sh"
BUILD=$(dirname "$VIGIE")

if [ ! -f "$BUILD/CPackConfig.cmake" ]; then
	t_notok "no CPackConfig.cmake in $BUILD: is $VIGIE in a CMake build directory?"
	t_done
	exit 1
fi
for tool in cpack dpkg-deb dpkg-shlibdeps readelf; do
	command -v $tool >/dev/null 2>&1 ||
		t_notok "$tool is missing: install the packages of scripts/packages/test-install.txt"
done
[ "$t_fail" -eq 0 ] || { t_done; exit 1; }

# The staging tree and the package go to the scratch directory, not the build directory.
t_run "cpack -G DEB builds the package" 0 cpack -G DEB -B "$SCRATCH/pkg" \
	--config "$BUILD/CPackConfig.cmake"
deb=$(ls "$SCRATCH"/pkg/vigie_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
	t_notok "no vigie_*.deb in $SCRATCH/pkg" "$(cat "$SCRATCH/out" "$SCRATCH/err" | tail -n 20)"
	t_done
	exit 1
fi
t_ok "package $(basename "$deb")"
version=$("$VIGIE" version | awk 'NR == 1 { print $2 }')

dpkg-deb -I "$deb" >"$SCRATCH/info"
for field in "Package: vigie" "Version: $version-1" "Section: utils" "Priority: optional" \
	"Maintainer: " "Architecture: $(dpkg --print-architecture)" "Description: "; do
	t_grep "control has '$field'" "$SCRATCH/info" "$field"
done
depends=$(dpkg-deb -f "$deb" Depends)
# Each library the binary links (NEEDED) must come from a package named in Depends.
for lib in $(readelf -d "$VIGIE" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
	path=$(ldd "$VIGIE" | awk -v l="$lib" '$1 == l { print $3 }')
	pkg=""
	for p in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr$path"; do
		pkg=$(dpkg -S "$p" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$pkg" ] && break
	done
	case $lib in libasan* | libubsan* | libclang_rt*) continue ;; esac
	if [ -z "$pkg" ]; then
		t_notok "no Debian package ships $lib ($path)"
	elif printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//' | grep -qx -- "$pkg"; then
		t_ok "Depends names $pkg (for $lib)"
	else
		t_notok "Depends does not name $pkg, which ships $lib" "Depends: $depends"
	fi
done

dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|' >"$SCRATCH/contents"
for f in /usr/bin/vigie /usr/share/man/man1/vigie.1.gz /usr/share/man/fr/man1/vigie.1.gz \
	/usr/share/bash-completion/completions/vigie /usr/share/vigie/questionnaires/communes.yaml \
	/usr/share/vigie/questionnaires/decouverte.yaml /usr/share/doc/vigie/README.md; do
	grep -qx -- "$f" "$SCRATCH/contents" && t_ok "package holds $f" ||
		t_notok "package lacks $f" "$(cat "$SCRATCH/contents")"
done
if grep -v '^/usr/' "$SCRATCH/contents" | grep -qv '^/$'; then
	t_notok "package installs outside /usr" "$(grep -v '^/usr/' "$SCRATCH/contents")"
else
	t_ok "package installs under /usr only"
fi
dpkg-deb -c "$deb" | awk '$2 != "root/root" { print }' >"$SCRATCH/owners"
t_empty "every file belongs to root/root" "$SCRATCH/owners"

# Install, run, remove: root only, and only when asked (CI, or VIGIE_TEST_DEB=1).
if [ "$(id -u)" -ne 0 ]; then
	echo "skip - dpkg -i/-r of the package: not root"
elif [ "${CI:-}" != true ] && [ "${VIGIE_TEST_DEB:-}" != 1 ]; then
	echo "skip - dpkg -i/-r of the package: set VIGIE_TEST_DEB=1 to install it on this machine (CI=true does)"
elif dpkg-query -W -f='${Status}' vigie 2>/dev/null | grep -q "ok installed"; then
	echo "skip - dpkg -i/-r of the package: a vigie package is already installed here; not touching it"
else
	t_run "dpkg -i installs the package" 0 dpkg -i "$deb"
	dpkg -L vigie >"$SCRATCH/listed" 2>/dev/null
	t_grep "  dpkg -L lists /usr/bin/vigie" "$SCRATCH/listed" "/usr/bin/vigie"
	(cd / && env -i PATH=/usr/bin:/bin vigie --version) >"$SCRATCH/out" 2>"$SCRATCH/err"
	t_grep "/usr/bin/vigie --version runs" "$SCRATCH/out" "vigie $version"
	t_run "it validates the installed questionnaires" 0 sh -c \
		"cd / && /usr/bin/vigie validate /usr/share/vigie/questionnaires/*.yaml"
	t_run "man -w vigie finds the page" 0 man -w vigie
	t_grep "  in /usr/share/man/man1" "$SCRATCH/out" "/usr/share/man/man1/vigie.1.gz"
	t_run "man -w -L fr vigie finds the French page" 0 man -w -L fr vigie
	t_grep "  in /usr/share/man/fr/man1" "$SCRATCH/out" "/usr/share/man/fr/man1/vigie.1.gz"
	t_run "dpkg -r removes the package" 0 dpkg -r vigie
	left=""
	while read -r f; do
		[ -f "$f" ] || [ -L "$f" ] && left="$left $f"
		case $f in */vigie | */vigie/*) [ -d "$f" ] && left="$left $f/" ;; esac
	done <"$SCRATCH/listed"
	[ -z "$left" ] && t_ok "  nothing of it is left" || t_notok "  left behind:$left"
	dpkg-query -W -f='${Status}' vigie 2>/dev/null >"$SCRATCH/status"
	if grep -q "installed" "$SCRATCH/status" && ! grep -q "not-installed" "$SCRATCH/status"; then
		t_notok "  dpkg still knows vigie as: $(cat "$SCRATCH/status")"
	else
		t_ok "  dpkg no longer has it installed"
	fi
	dpkg -P vigie >/dev/null 2>&1
fi

t_done
