#!/bin/sh
# The plain mode (numbered prompts) through a pipe: the same assessment as tui_assess.sh —
# organisation, answers, a note with accents, help, back, unknown, N/A, end of input midway
# and resume, kill -9 midway and resume, finish and export.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
cd "$SCRATCH"
S="$SCRATCH/session.json"
GOLDEN="$SRC/tests/data/tui"
fail() { echo "FAIL: $*"; exit 1; }
run() {
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" LANG=C.UTF-8 LC_ALL= LANGUAGE= \
		VIGIE_LANG= SOURCE_DATE_EPOCH=1796464800 "$VIGIE" "$@"
}
# Compares a transcript with its golden copy (TUI_UPDATE_GOLDEN=1 rewrites it).
golden() {
	sed "s|$SCRATCH|@SCRATCH@|g" "$SCRATCH/$1.out" >"$SCRATCH/$1.cmp"
	if [ "${TUI_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$SCRATCH/$1.cmp" "$GOLDEN/$1.txt"
	elif ! cmp -s "$SCRATCH/$1.cmp" "$GOLDEN/$1.txt"; then
		diff -u "$GOLDEN/$1.txt" "$SCRATCH/$1.cmp"
		fail "transcript differs from golden $1"
	fi
}

# 1. Organisation, answers, help, a note, back, unknown, a bad reply, N/A; then the
# input ends midway.
printf '%s\n' "Mairie de Saint-Été" "2A004" "" \
	1 "?" n "Disque à l'accueil, géré par Émilie" "deuxième ligne" . 3 \
	4 p "" 9 5 "Un seul agent à la mairie" . |
	run --plain -q decouverte --session "$S" >"$SCRATCH/plain-1.out" 2>"$SCRATCH/err" ||
	fail "run 1 exit $?"
[ ! -s "$SCRATCH/err" ] || fail "stderr: $(cat "$SCRATCH/err")"
golden plain-1
grep -q "Fin de l'entrée" "$SCRATCH/plain-1.out" || fail "end of input not reported"
grep -q '"answer": "na"' "$S" || fail "N/A not saved"
grep -q 'Émilie\\ndeuxième ligne' "$S" || fail "note not saved"
grep -q '"answer": "nsp"' "$S" || fail "unknown not saved"
grep -q '"question": "comptes.admin_separe"' "$S" || fail "position not saved"

# 2. Resume on the same question; kill -9 after one more answer is on disk.
mkfifo "$SCRATCH/in"
run --plain -q decouverte --session "$S" <"$SCRATCH/in" >"$SCRATCH/plain-2.out" 2>&1 &
pid=$!
exec 3>"$SCRATCH/in"
echo 2 >&3
i=0
until grep -q '"question": "comptes.double_authentification"' "$S"; do
	i=$((i + 1))
	[ $i -lt 250 ] || fail "answer not saved within 5 s"
	sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
exec 3>&-
grep -q "Reprise : Comptes et accès, question 2 sur 3 — Séparer le compte administrateur" "$SCRATCH/plain-2.out" ||
	fail "did not resume on comptes.admin_separe (question 2 of Comptes et accès): $(cat "$SCRATCH/plain-2.out")"

# 3. Resume after the kill, finish, see the result, export.
printf '%s\n' 3 2 2 e q | run --plain -q decouverte --session "$S" >"$SCRATCH/plain-3.out" 2>"$SCRATCH/err" ||
	fail "run 3 exit $?"
[ ! -s "$SCRATCH/err" ] || fail "stderr: $(cat "$SCRATCH/err")"
golden plain-3
grep -q "Reprise : Comptes et accès, question 3 sur 3 — Activer la double authentification" "$SCRATCH/plain-3.out" ||
	fail "did not resume after kill -9"
grep -q "Note globale : B" "$SCRATCH/plain-3.out" || fail "no grade"
grep -q "Exporté :" "$SCRATCH/plain-3.out" || fail "no export"
run score -q decouverte --answers vigie-reponses-2A004-2026-12-05.yaml >"$SCRATCH/score.txt" ||
	fail "exported answers do not score"
grep -q "Mairie de Saint-Été" "$SCRATCH/score.txt" || fail "organisation missing from export"
grep -q '"format": "vigie-scorecard/1.1"' vigie-2A004-2026-12-05.scorecard.json || fail "no scorecard"

# 4. Input that is not UTF-8 is refused; English works too.
printf '\377\n1\n' | run --plain -q decouverte --lang en --session "$SCRATCH/en.json" >"$SCRATCH/en.out" 2>&1 ||
	fail "run 4 exit $?"
grep -q "Text refused: it is not valid UTF-8." "$SCRATCH/en.out" || fail "bad UTF-8 accepted"
# Control characters in a note never reach the terminal.
printf 'n\nred \033[31m alert\n.\nq\n' |
	run --plain -q decouverte --session "$SCRATCH/en.json" >"$SCRATCH/esc.out" 2>&1 || fail "run 4b"
grep -q 'red ?\[31m alert' "$SCRATCH/esc.out" || fail "note not shown: $(cat "$SCRATCH/esc.out")"
if grep -q "$(printf '\033')" "$SCRATCH/esc.out"; then
	fail "an escape character reached the output"
fi

# 5. A corrupt session is refused with a clear message and exit 1; --new keeps a backup.
# refused NAME FRENCH ENGLISH: the session SCRATCH/NAME.json is refused (exit non-zero)
# with the message FRENCH by default and ENGLISH with --lang en (grep patterns).
refused() {
	for l in fr en; do
		if run --plain -q decouverte --lang $l --session "$SCRATCH/$1.json" </dev/null \
			>"$SCRATCH/$1-$l.out" 2>&1; then
			fail "$1.json accepted ($l)"
		fi
		[ $l = fr ] && want=$2 || want=$3
		grep -q "$want" "$SCRATCH/$1-$l.out" || fail "unclear message ($l): $(cat "$SCRATCH/$1-$l.out")"
	done
}
echo '{"format": "vigie-session/1", ' >"$SCRATCH/bad.json"
refused bad "bad.json:2:0: fichier de session endommagé : le fichier s'arrête avant la fin du JSON (copie interrompue ?) ; déplacez-le, ou lancez avec --new" \
	"bad.json:2:0: corrupt session file: the file ends before the JSON does (an interrupted copy?); move it away or run with --new"
# A session file with a key vigie does not write says which, where, and what to do.
printf '{"format": "vigie-session/1", "questionnaire": {"id": "decouverte", "sha256": "x"}, %s\n' \
	'"answers": {}, "couleur": "bleu"}' >"$SCRATCH/key.json"
refused key "key.json : clé inconnue « couleur » au premier niveau du fichier de session ; pour recommencer, lancez avec --new" \
	"key.json: unknown key 'couleur' in the session; to start over run with --new"
run --plain -q decouverte --new --session "$SCRATCH/bad.json" </dev/null >"$SCRATCH/new.out" 2>&1 ||
	fail "--new failed: $(cat "$SCRATCH/new.out")"
ls "$SCRATCH"/bad.json.*.bak >/dev/null 2>&1 || fail "no backup kept by --new"
grep -q "l'ancienne est gardée" "$SCRATCH/new.out" || fail "--new did not say where the backup is"
echo "ok: plain mode through a pipe"
