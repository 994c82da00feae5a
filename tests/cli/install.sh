# cmake --install into a DESTDIR: the layout, and the installed binary run from elsewhere
# finding its files in ../share/vigie; a lone copy of the binary living on its embedded
# files; the build tree's binary finding the source tree.
. "$2/tests/lib.sh"
SRC=$(cd "$SRC" && pwd)
SCRATCH=$(cd "$SCRATCH" && pwd)
BUILD=$(dirname "$VIGIE")
ROOT=$SCRATCH/root

if [ ! -f "$BUILD/CMakeCache.txt" ] || [ ! -f "$BUILD/cmake_install.cmake" ]; then
	t_notok "$BUILD is not a CMake build directory (no CMakeCache.txt beside $VIGIE)"
	t_done
	exit 1
fi

t_run "cmake --install into a DESTDIR" 0 env DESTDIR="$ROOT" \
	cmake --install "$BUILD" --prefix /usr --component vigie
for f in usr/bin/vigie usr/share/man/man1/vigie.1.gz usr/share/man/fr/man1/vigie.1.gz \
	usr/share/bash-completion/completions/vigie; do
	[ -f "$ROOT/$f" ] && t_ok "installs /$f" || t_notok "/$f is not installed" "$(cd "$ROOT" && find . -type f)"
done
for f in "$SRC"/questionnaires/*.yaml "$SRC"/checks/*.yaml; do
	[ -f "$f" ] || continue
	kind=$(basename "$(dirname "$f")")
	cmp -s "$f" "$ROOT/usr/share/vigie/$kind/$(basename "$f")" &&
		t_ok "installs /usr/share/vigie/$kind/$(basename "$f")" ||
		t_notok "/usr/share/vigie/$kind/$(basename "$f") is missing or differs"
done
for po in "$SRC"/po/*.po; do
	[ -f "$po" ] || continue
	mo=usr/share/locale/$(basename "$po" .po)/LC_MESSAGES/vigie.mo
	[ -s "$ROOT/$mo" ] && t_ok "installs /$mo" || t_notok "/$mo is not installed"
done
for page in vigie.1 fr/vigie.1; do
	dest=$ROOT/usr/share/man/$(dirname "$page" | sed 's/^\.$//')/man1/vigie.1.gz
	dest=$(echo "$dest" | sed 's|//|/|')
	if gzip -dc "$dest" 2>/dev/null | cmp -s - "$SRC/man/$page"; then
		t_ok "man/$page is installed gzip'ed"
	else
		t_notok "$dest is not man/$page compressed"
	fi
done
t_run "the installed completion parses" 0 bash -n "$ROOT/usr/share/bash-completion/completions/vigie"

# The installed binary, run from an unrelated directory.
vi=$ROOT/usr/bin/vigie
share=$ROOT/usr/share/vigie
cp "$SRC/tests/data/answers/un-seul-agent.yaml" "$SCRATCH/answers.yaml"
cd / || exit 1
for f in "$share"/questionnaires/*.yaml; do
	t_run "installed vigie validates installed $(basename "$f")" 0 "$vi" validate "$f"
	t_grep "  says OK" "$SCRATCH/out" "$f: OK (questionnaire"
done
t_run "installed vigie scores against the installed decouverte.yaml" 0 "$vi" score \
	-q "$share/questionnaires/decouverte.yaml" --answers "$SCRATCH/answers.yaml"
t_grep "  grade D" "$SCRATCH/out" "Note : D (60,0/100)"
t_run "installed vigie resolves a bare -q decouverte" 0 "$vi" --lang en score -q decouverte \
	--answers "$SCRATCH/answers.yaml"
t_grep "  grade D" "$SCRATCH/out" "Grade: D (60.0/100)"
t_run "installed vigie --version" 0 "$vi" --version
t_grep "  names itself" "$SCRATCH/out" "vigie "
for cmd in $(VIGIE_LANG=en "$vi" --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'); do
	t_run "installed vigie $cmd --help" 0 "$vi" "$cmd" --help
	t_grep "  shows its usage in French" "$SCRATCH/out" "Utilisation : vigie $cmd"
	t_run "installed vigie --lang en $cmd --help" 0 "$vi" --lang en "$cmd" --help
	t_grep "  shows its usage in English (installed catalogue)" "$SCRATCH/out" "Usage: vigie $cmd"
done

# A questionnaire that is not embedded, found in the data directory by its name.
cp "$SRC/tests/data/questionnaire/good/minimal.yaml" "$share/questionnaires/extra.yaml"
cat >"$SCRATCH/extra-answers.yaml" <<'EOT'
format: vigie-answers/1
questionnaire: t
answers:
  d.a: oui
EOT
t_run "-q NAME not embedded is found in share/vigie/questionnaires" 0 "$vi" --lang en score \
	-q extra --answers "$SCRATCH/extra-answers.yaml"
t_grep "  and scored" "$SCRATCH/out" "Grade: A (100.0/100)"
mkdir -p "$SCRATCH/bin"
ln -s "$vi" "$SCRATCH/bin/vigie"
t_run "  also through a symbolic link to the binary" 0 "$SCRATCH/bin/vigie" score -q extra \
	--answers "$SCRATCH/extra-answers.yaml"

# The build tree's binary reads the source tree, not an installed copy.
t_run "the build tree's vigie does not know 'extra'" 1 "$VIGIE" score -q extra \
	--answers "$SCRATCH/extra-answers.yaml"
t_grep "  and says where it looked: the source tree" "$SCRATCH/err" "$SRC/questionnaires/extra.yaml"

# A lone copy of the binary: no data directory, only the embedded files.
mkdir -p "$SCRATCH/lonely"
cp "$VIGIE" "$SCRATCH/lonely/vigie"
t_run "a lone binary scores with the embedded decouverte" 0 "$SCRATCH/lonely/vigie" --lang en \
	score -q decouverte --answers "$SCRATCH/answers.yaml"
t_grep "  grade D" "$SCRATCH/out" "Grade: D (60.0/100)"
t_run "a lone binary does not know 'extra'" 1 "$SCRATCH/lonely/vigie" score -q extra \
	--answers "$SCRATCH/extra-answers.yaml"
t_grep "  and says it has no data directory" "$SCRATCH/err" "(dossier de données)/questionnaires/extra.yaml"

t_done
