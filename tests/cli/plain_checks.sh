#!/bin/sh
# The checks step and signing of the plain-mode assessment: the embedded profile runs on a
# fixture root (--check-root) with a world-writable shared file, and caps the answers it
# informs in the exported scorecard; without the planted file nothing is capped; a root
# that cannot be opened is reported, not fatal. Export signs with the key of vigie keygen
# (minisign and vigie verify accept it), says how to sign later when there is no key or
# an encrypted key without VIGIE_PASSPHRASE, and signs with VIGIE_PASSPHRASE.
# Usage: sh plain_checks.sh VIGIE SOURCE_DIR SCRATCH_DIR
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
cd "$SCRATCH"
for tool in jq minisign; do
	command -v $tool >/dev/null || { echo "$tool missing (scripts/packages/test-wire.txt)"; exit 1; }
done
fail() { echo "FAIL: $*"; exit 1; }
run() {
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" XDG_CONFIG_HOME="$SCRATCH/config" \
		LANG=C.UTF-8 LC_ALL= LANGUAGE= VIGIE_LANG= \
		SOURCE_DATE_EPOCH=1796464800 "$VIGIE" "$@"
}
# One assessment of communes: organisation, the two questions arbo.droits informs
# answered at their best, the result, then MACHINE (when set: the answer to "what machine
# is this", asked without --check-root) and REPLY to the checks step, export, quit.
assess() { # DIR REPLY [ARGS...]
	d=$1 reply=$2
	shift 2
	mkdir -p "$SCRATCH/$d"
	printf '%s\n' "Mairie de Test" "01999" "" "/comptes.droits_serveur" 4 \
		"/comptes.partages" 4 f ${MACHINE:+"$MACHINE"} "$reply" e q |
		(cd "$SCRATCH/$d" && run --plain -q communes --session "$SCRATCH/$d/s.json" "$@") \
			>"$SCRATCH/$d.out" 2>"$SCRATCH/$d.err" || fail "$d: exit $?: $(cat "$SCRATCH/$d.err")"
	[ ! -s "$SCRATCH/$d.err" ] || fail "$d: stderr: $(cat "$SCRATCH/$d.err")"
}
card() { echo "$SCRATCH/$1/vigie-01999-2026-12-05.scorecard.json"; }

# ---- fixture: a tiny server whose users own everything ----
. "$SRC/tests/cli/lib/fixture_root.sh"
R=$SCRATCH/root
fixture_root "$R" srv/share home
echo "budget" >"$R/srv/share/budget.ods"
chmod 0644 "$R/srv/share/budget.ods"

# 1. Clean root: checks run, nothing capped.
assess clean v --check-root "$R"
grep -q "^Vérifications : 14 ; conformes : .*, non conformes : 0," "$SCRATCH/clean.out" ||
	fail "clean root: $(grep Vérifications "$SCRATCH/clean.out")"
[ "$(jq -r '.answers["comptes.droits_serveur"].retained' "$(card clean)")" = 3 ] ||
	fail "clean root capped droits_serveur"
[ "$(jq '[.evidence[] | select(.status == "fail")] | length' "$(card clean)")" = 0 ] ||
	fail "clean root has failed evidence"
[ "$(jq '.evidence | length' "$(card clean)")" -gt 0 ] || fail "clean root: no evidence"

# 2. A world-writable shared file: arbo.droits fails and caps both answers at 0.
chmod 0666 "$R/srv/share/budget.ods"
assess planted v --check-root "$R"
grep -q "\[non conforme\] Droits de l'arborescence" "$SCRATCH/planted.out" || fail "failure not listed"
# Under it, the rule's summary: count, where, what to do; never a check id.
grep -q "^    fichiers modifiables par tous : 1 (/srv/share/budget.ods). À faire : " "$SCRATCH/planted.out" ||
	fail "no rules' summary under the failure"
grep -q "arbo\.droits" "$SCRATCH/planted.out" && fail "a check id is shown"
# Progress: one line per check as it starts, numbered up to the total.
n=$(grep -c '^  \[[0-9]*/[0-9]*\] ' "$SCRATCH/planted.out")
[ "$n" -ge 2 ] || fail "no progress lines while the checks run"
grep -q "^  \[$n/$n\] " "$SCRATCH/planted.out" || fail "progress does not reach $n/$n"
grep -q "^  \[[0-9]*/[0-9]*\] Droits de l'arborescence : " "$SCRATCH/planted.out" ||
	fail "progress does not name the tree check by its title"
grep -q "Réponses plafonnées par les vérifications" "$SCRATCH/planted.out" ||
	fail "result does not list the capped answers"
grep -q "déclarée 3, retenue 0 par la vérification : Droits de l'arborescence" "$SCRATCH/planted.out" ||
	fail "result does not say why an answer is capped"
for qid in comptes.droits_serveur comptes.partages; do
	got=$(jq -c --arg q $qid '.answers[$q] | [.declared, .retained, .capped_by]' "$(card planted)")
	[ "$got" = '[3,0,"arbo.droits"]' ] || fail "$qid in the scorecard: $got"
done
[ "$(jq -c '.evidence[] | select(.id == "arbo.droits") | [.status, .cap]' "$(card planted)")" = '["fail",0]' ] ||
	fail "arbo.droits evidence missing from the scorecard"
grep -q "non signé : pas de clé de signature ; créez-en une avec « vigie keygen » puis signez avec « vigie sign ./vigie-01999-2026-12-05.scorecard.json »" \
	"$SCRATCH/planted.out" || fail "no key: hint missing"
[ ! -e "$(card planted).minisig" ] || fail "signed without a key"

# 3. Checks declined: no evidence, no cap.
assess declined "" --check-root "$R"
[ "$(jq '.evidence | length' "$(card declined)")" = 0 ] || fail "declined checks ran"
[ "$(jq -r '.answers["comptes.partages"].capped_by' "$(card declined)")" = null ] ||
	fail "declined checks capped an answer"

# 3b. No --check-root, and "this is just my PC": the server checks are not run, and the
# step says so; nothing is capped, no host in the scorecard.
MACHINE=2
assess pc ""
MACHINE=
grep -q "Sur quelle machine vigie tourne-t-il ?" "$SCRATCH/pc.out" || fail "machine not asked"
grep -q "Les vérifications du serveur ne sont pas faites : cette machine n'est pas un serveur de la commune." \
	"$SCRATCH/pc.out" || fail "pc: not said that the server checks were not run"
grep -q "Aucune vérification automatique à faire" "$SCRATCH/pc.out" || fail "pc: checks offered"
[ "$(jq '.evidence | length' "$(card pc)")" = 0 ] || fail "pc: server checks ran"
[ "$(jq -r '.host' "$(card pc)")" = null ] || fail "pc: host in the scorecard"
[ "$(jq -r .machine "$SCRATCH/pc/s.json")" = pc ] || fail "pc: answer not saved"

# 4. A root that cannot be opened: said, and the assessment goes on.
assess badroot v --check-root "$SCRATCH/absent"
grep -q "Les vérifications n'ont pas pu être faites" "$SCRATCH/badroot.out" ||
	fail "bad root not reported"
grep -q "^!! .*absent" "$SCRATCH/badroot.out" || fail "bad root: no reason"
grep -q "Exporté :" "$SCRATCH/badroot.out" || fail "bad root: no export"

# 5. A key from vigie keygen: the export is signed; vigie verify and minisign accept it.
run keygen >"$SCRATCH/keygen.out" 2>&1 || fail "keygen: $(cat "$SCRATCH/keygen.out")"
assess signed v --check-root "$R"
grep -q "signé (./vigie-01999-2026-12-05.scorecard.json.minisig)" "$SCRATCH/signed.out" ||
	fail "not signed: $(grep Exporté "$SCRATCH/signed.out")"
run verify "$(card signed)" --pubkey "$SCRATCH/config/vigie/vigie.pub" >"$SCRATCH/verify.out" 2>&1 ||
	fail "vigie verify: $(cat "$SCRATCH/verify.out")"
grep -q 'signer="Mairie de Test"' "$SCRATCH/verify.out" || fail "signer: $(cat "$SCRATCH/verify.out")"
minisign -Vm "$(card signed)" -p "$SCRATCH/config/vigie/vigie.pub" >"$SCRATCH/minisign.out" 2>&1 ||
	fail "minisign -V: $(cat "$SCRATCH/minisign.out")"
[ "$(stat -c %a "$(card signed)")" = 600 ] || fail "scorecard not 0600"

# 6. An encrypted key: never prompted for; without VIGIE_PASSPHRASE the export says how
# to sign, with it the export is signed.
rm -r "$SCRATCH/config"
VIGIE_PASSPHRASE="phrase de passe" run keygen --passphrase >"$SCRATCH/keygen2.out" 2>&1 ||
	fail "keygen --passphrase: $(cat "$SCRATCH/keygen2.out")"
grep -q "ENCRYPTED PRIVATE KEY" "$SCRATCH/config/vigie/vigie.key" || fail "key not encrypted"
MACHINE=2
assess enc ""
grep -q "est protégée par une phrase de passe ; signez avec « vigie sign ./vigie-01999-2026-12-05.scorecard.json »" \
	"$SCRATCH/enc.out" || fail "encrypted key: $(grep Exporté "$SCRATCH/enc.out")"
[ ! -e "$(card enc).minisig" ] || fail "signed with an encrypted key and no passphrase"
VIGIE_PASSPHRASE="phrase de passe"
export VIGIE_PASSPHRASE
assess encpass ""
unset VIGIE_PASSPHRASE MACHINE
minisign -Vm "$(card encpass)" -p "$SCRATCH/config/vigie/vigie.pub" >/dev/null 2>&1 ||
	fail "encrypted key with VIGIE_PASSPHRASE: not signed: $(grep Exporté "$SCRATCH/encpass.out")"
echo "ok: checks and signing in the plain assessment"
