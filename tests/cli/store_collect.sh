#!/bin/sh
# vigie collect: verified scorecards into a real SQLite store, once each; tampered,
# unknown-signer, unsigned and symlinked files refused with nothing of them imported.
set -u
. "$2/tests/lib.sh"
. "$SRC/tests/store_lib.sh"
T=$SCRATCH
DB=$T/store.db

"$VIGIE" keygen --out "$T/consultant" >/dev/null 2>&1 || { echo "keygen failed"; exit 1; }
"$VIGIE" keygen --out "$T/stranger" >/dev/null 2>&1 || { echo "keygen failed"; exit 1; }
mkdir -p "$T/in/sub/deeper" "$T/other"
store_variants 4 "$T/gen"
mv "$T/gen/c00001.json" "$T/in/a.json"
mv "$T/gen/c00002.json" "$T/in/sub/b.json"
mv "$T/gen/c00003.json" "$T/in/sub/deeper/c.json"
mv "$T/gen/c00004.json" "$T/other/stranger.json"
cp "$SRC/tests/data/scorecard/good-saint-exemple.json" "$T/in/unsigned.json"
store_sign "$T/consultant.key" "$T/in/a.json" "$T/in/sub/b.json" "$T/in/sub/deeper/c.json"
store_sign "$T/stranger.key" "$T/other/stranger.json"
# A symlink to a signed scorecard inside the tree: never followed.
ln -s "$T/other" "$T/in/sub/link-dir"
ln -s "$T/in/a.json" "$T/in/link.json"
ln -s "$T/in/a.json.minisig" "$T/in/link.json.minisig"

t_run "collect needs --db" 2 "$VIGIE" collect --pubkey "$T/consultant.pub" "$T/in"
t_run "collect needs a trust option" 2 "$VIGIE" collect --db "$DB" "$T/in"
t_run "--help" 0 "$VIGIE" collect --help
t_grep "--help names the store schema" "$SCRATCH/out" "docs/store-schema.md"

t_run "collect a directory" 0 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" "$T/in"
cp "$SCRATCH/out" "$T/first.out"
t_grep "a.json imported" "$T/first.out" "importée  $T/in/a.json"
t_grep "recursed into sub/" "$T/first.out" "importée  $T/in/sub/b.json"
t_grep "recursed into sub/deeper/" "$T/first.out" "importée  $T/in/sub/deeper/c.json"
t_grep "summary line" "$T/first.out" "3 fichiers : 3 importés, 0 déjà présent, 0 refusé"
if grep -v -e '^3 fichiers' -e '^ignorée ' "$T/first.out" | grep -q -e unsigned.json -e link -e stranger; then
	t_notok "unsigned files and symlinks are not picked up from a directory" "$(cat "$T/first.out")"
else
	t_ok "unsigned files and symlinks are not picked up from a directory"
fi
t_grep "the unsigned file is said to be skipped" "$T/first.out" \
	"ignorée  $T/in/unsigned.json : aucune signature à côté (.minisig ou .p7s)"
t_grep "and counted" "$T/first.out" "0 refusé ; 1 .json non signé ignoré ; 3 liens symboliques"
t_grep "symlinks counted, not followed" "$T/first.out" "3 liens symboliques non suivis"
[ "$(store_count "$DB")" = 3 ] && t_ok "3 rows" || t_notok "3 rows: $(store_count "$DB")"
mode=$(stat -c %a "$DB")
[ "$mode" = 600 ] && t_ok "store created 0600" || t_notok "store mode is $mode"

# The output does not depend on how many threads verify.
"$VIGIE" collect --db "$T/j1.db" --pubkey "$T/consultant.pub" --jobs 1 "$T/in" "$T/other" \
	>"$T/j1.out" 2>&1
"$VIGIE" collect --db "$T/j4.db" --pubkey "$T/consultant.pub" --jobs 4 "$T/in" "$T/other" \
	>"$T/j4.out" 2>&1
sed "s|$T/j[14].db||" "$T/j1.out" >"$T/j1.cmp"
sed "s|$T/j[14].db||" "$T/j4.out" >"$T/j4.cmp"
cmp -s "$T/j1.cmp" "$T/j4.cmp" && t_ok "same output with --jobs 1 and --jobs 4" ||
	t_notok "--jobs changes the output" "$(diff "$T/j1.cmp" "$T/j4.cmp" | head -5)"
t_run "--jobs 0 is a usage error" 2 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" \
	--jobs 0 "$T/in"

t_run "collect again: idempotent" 0 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" \
	"$T/in" "$T/in/a.json"
t_grep "already present" "$SCRATCH/out" "déjà présente  $T/in/a.json"
t_grep "second summary" "$SCRATCH/out" "4 fichiers : 0 importé, 4 déjà présents, 0 refusé"
[ "$(store_count "$DB")" = 3 ] && t_ok "still 3 rows" || t_notok "rows: $(store_count "$DB")"

# The store keeps the exact bytes of the scorecard and of its signature.
want=$(od -An -v -tx1 "$T/in/a.json" | tr -d ' \n')
got=$(sqlite3 "$DB" "SELECT lower(hex(scorecard_bytes)) FROM scorecard WHERE source = '$T/in/a.json'")
[ "$want" = "$got" ] && t_ok "scorecard bytes stored as is" || t_notok "scorecard bytes differ"
want=$(od -An -v -tx1 "$T/in/a.json.minisig" | tr -d ' \n')
got=$(sqlite3 "$DB" "SELECT lower(hex(signature_bytes)) FROM scorecard WHERE source = '$T/in/a.json'")
[ "$want" = "$got" ] && t_ok "signature bytes stored as is" || t_notok "signature bytes differ"
want=$(sha256sum "$T/in/a.json" | cut -c1-64)
got=$(sqlite3 "$DB" "SELECT sha256 FROM scorecard WHERE source = '$T/in/a.json'")
[ "$want" = "$got" ] && t_ok "sha256 of the bytes" || t_notok "sha256 $got, want $want"
# ... so the evidence can be checked again later, by a stock tool, from the store alone.
sqlite3 "$DB" "SELECT writefile('$T/again.json', scorecard_bytes),
	writefile('$T/again.json.minisig', signature_bytes) FROM scorecard
	WHERE source = '$T/in/a.json'" >/dev/null
t_run "stored evidence verifies again" 0 "$VIGIE" verify --pubkey "$T/consultant.pub" "$T/again.json"
if command -v minisign >/dev/null 2>&1; then
	t_run "stored evidence verifies with minisign" 0 minisign -Vm "$T/again.json" \
		-p "$T/consultant.pub"
fi
row=$(sqlite3 -separator '|' "$DB" "SELECT org_insee, org_name, grade, sig_kind, questionnaire_id,
	(SELECT count(*) FROM answer WHERE scorecard_id = s.id) > 0,
	(SELECT count(*) FROM action WHERE scorecard_id = s.id AND priority_measure) > 0,
	(SELECT count(*) FROM domain_score WHERE scorecard_id = s.id) > 0
	FROM scorecard s WHERE source = '$T/in/a.json'")
case $row in
"01001|Mairie de Saint-Exemple|"?"|minisig|decouverte|1|1|1") t_ok "columns and child rows: $row" ;;
*) t_notok "columns and child rows: $row" ;;
esac

# Refusals: nothing of a refused file reaches the store.
cp "$T/in/a.json" "$T/tampered.json"
cp "$T/in/a.json.minisig" "$T/tampered.json.minisig"
sed -i 's/"insee": "01001"/"insee": "01666"/' "$T/tampered.json"
t_run "tampered file refused" 1 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" \
	"$T/tampered.json"
t_grep "REFUSED with a reason" "$SCRATCH/out" "REFUSÉE  $T/tampered.json : "
t_grep "refused in the summary" "$SCRATCH/out" "1 fichier : 0 importé, 0 déjà présent, 1 refusé"
t_run "tampered file refused (en)" 1 "$VIGIE" --lang en collect --db "$DB" --pubkey "$T/consultant.pub" \
	"$T/tampered.json"
t_grep "REFUSED in English" "$SCRATCH/out" "REFUSED  $T/tampered.json: "
[ "$(store_count "$DB" "WHERE org_insee = '01666'")" = 0 ] && t_ok "nothing of it stored" ||
	t_notok "tampered scorecard stored"

t_run "unknown signer refused" 1 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" \
	"$T/other/stranger.json"
t_grep "unknown signer: REFUSED" "$SCRATCH/out" "REFUSÉE  $T/other/stranger.json"
mkdir -p "$T/trusted"
cp "$T/consultant.pub" "$T/trusted/"
t_run "unknown signer with --trusted" 1 "$VIGIE" collect --db "$DB" --trusted "$T/trusted" \
	"$T/other/stranger.json"
t_grep "names the key not trusted" "$SCRATCH/out" "qui n'est pas dans $T/trusted"
[ "$(store_count "$DB")" = 3 ] && t_ok "still 3 rows after refusals" || t_notok "rows: $(store_count "$DB")"

t_run "unsigned file refused" 1 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" \
	"$T/in/unsigned.json"
t_grep "no signature" "$SCRATCH/out" "pas de signature"
t_run "symlink argument refused" 1 "$VIGIE" collect --db "$DB" --pubkey "$T/consultant.pub" \
	"$T/in/link.json"
t_grep "symlink: REFUSED" "$SCRATCH/out" "REFUSÉE  $T/in/link.json : lien symbolique, non suivi"

# A mixed batch: good files go in, the bad one is listed, exit 1.
cp "$T/other/stranger.json" "$T/other/stranger.json.bak"
cp "$T/other/stranger.json" "$T/in/sub/e.json"
store_sign "$T/consultant.key" "$T/in/sub/e.json"
# --trusted binds each key to communes (issue 16, point 2): without consultant.insee the
# key signs for none, and the refusal says how to bind it.
t_run "unbound key refused" 1 "$VIGIE" collect --db "$DB" --trusted "$T/trusted" "$T/in/sub/e.json"
t_grep "unbound: says how to bind" "$SCRATCH/out" "n'est liée à aucune commune : écrivez le ou les codes INSEE pour lesquels elle peut signer dans $T/trusted/consultant.insee"
echo "01004  # e.json's commune, checked by phone" >"$T/trusted/consultant.insee"
t_run "mixed batch" 1 "$VIGIE" collect --db "$DB" --trusted "$T/trusted" "$T/in/sub/e.json" \
	"$T/other/stranger.json" "$T/tampered.json"
t_grep "mixed: good one imported" "$SCRATCH/out" "importée  $T/in/sub/e.json"
t_grep "mixed: summary" "$SCRATCH/out" "3 fichiers : 1 importé, 0 déjà présent, 2 refusés"
[ "$(store_count "$DB")" = 4 ] && t_ok "4 rows" || t_notok "rows: $(store_count "$DB")"

# CMS signatures with a consultancy CA (ECDSA P-256), verified against --ca only.
if openssl ecparam -name prime256v1 -genkey -noout -out "$T/ca.key" 2>/dev/null &&
	openssl req -x509 -new -key "$T/ca.key" -subj "/CN=Test CA vigie" -days 30 \
		-out "$T/ca.pem" 2>/dev/null &&
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/leaf.key" 2>/dev/null &&
	chmod 600 "$T/leaf.key" &&
	openssl req -new -key "$T/leaf.key" -subj "/CN=Mairie de Cms-Ville" -out "$T/leaf.csr" 2>/dev/null &&
	openssl x509 -req -in "$T/leaf.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
		-days 30 -out "$T/leaf.pem" 2>/dev/null; then
	store_variants 6 "$T/cmsgen"
	cp "$T/cmsgen/c00006.json" "$T/cms.json"
	if "$VIGIE" sign --key "$T/leaf.key" --cert "$T/leaf.pem" "$T/cms.json" >/dev/null 2>&1; then
		t_run "CMS scorecard collected with --ca" 0 "$VIGIE" collect --db "$DB" --ca "$T/ca.pem" \
			"$T/cms.json"
		got=$(sqlite3 "$DB" "SELECT sig_kind || '|' || signer FROM scorecard WHERE source = '$T/cms.json'")
		case $got in
		cms*Cms-Ville*) t_ok "CMS signer stored: $got" ;;
		*) t_notok "CMS signer stored: $got" ;;
		esac
		t_run "CMS scorecard without --ca refused" 1 "$VIGIE" collect --db "$T/other.db" \
			--pubkey "$T/consultant.pub" "$T/cms.json"
		t_grep "says what to give" "$SCRATCH/out" "donnez --ca FICHIER"
	else
		t_notok "vigie sign --cert failed"
	fi
else
	t_notok "could not make a test CA with openssl"
fi

# Schema: versioned, migrations recorded, a newer store refused clearly.
v=$(sqlite3 "$DB" 'PRAGMA user_version')
[ "$v" = 2 ] && t_ok "user_version 2" || t_notok "user_version $v"
m=$(sqlite3 "$DB" 'SELECT count(*) FROM migration WHERE version IN (1, 2)')
[ "$m" = 2 ] && t_ok "migrations 1 and 2 recorded" || t_notok "migrations: $m"
j=$(sqlite3 "$DB" 'PRAGMA journal_mode')
[ "$j" = wal ] && t_ok "WAL journal" || t_notok "journal_mode $j"
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
t_run "newer store refused" 1 "$VIGIE" collect --db "$T/newer.db" --pubkey "$T/consultant.pub" \
	"$T/in/a.json"
t_grep "says upgrade" "$SCRATCH/err" "version de schéma 99, écrite par un vigie plus récent"
t_run "newer store refused by summary" 1 "$VIGIE" summary --db "$T/newer.db"
t_run "summary of a missing store" 1 "$VIGIE" summary --db "$T/missing.db"
t_grep "  says so in French" "$SCRATCH/err" "missing.db : base introuvable ; « vigie collect --db"
t_run "the same with --lang en" 1 "$VIGIE" --lang en summary --db "$T/missing.db"
t_grep "  says so in English" "$SCRATCH/err" "missing.db: no such store; 'vigie collect --db"
[ ! -e "$T/missing.db" ] && t_ok "summary creates no store" || t_notok "summary created a store"
ln -s "$DB" "$T/link.db"
t_run "store through a symlink refused" 1 "$VIGIE" collect --db "$T/link.db" \
	--pubkey "$T/consultant.pub" "$T/in/a.json"
printf 'not a database, just text\n' >"$T/text.db"
t_run "a file that is not a store" 1 "$VIGIE" collect --db "$T/text.db" \
	--pubkey "$T/consultant.pub" "$T/in/a.json"
t_grep "store error says so" "$SCRATCH/err" "$T/text.db"

t_done
