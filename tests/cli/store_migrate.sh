#!/bin/sh
# A store written at schema version 1 (answers, findings, domain scores and actions as
# tables) is upgraded in place to version 2 (the same as views over the signed bytes):
# every row it held reads the same afterwards, the evidence still verifies, and the
# upgraded store takes new imports. Needs sqlite3.
. "$2/tests/lib.sh"
. "$SRC/tests/store_lib.sh"
T=$SCRATCH
DB=$T/v1.db
FX=$SRC/tests/data/store

sqlite3 "$DB" <"$FX/v1.sql"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 1 ] && t_ok "fixture at version 1" ||
	t_notok "fixture not at version 1"

# rows NAME: the derived rows, in a fixed order, as the version-1 tables give them; the
# same query reads the version-2 views.
rows() {
	sqlite3 -separator '|' "$DB" "
		SELECT 'answer', scorecard_id, question, answer, declared, retained, status, note,
			capped_by, review FROM answer ORDER BY scorecard_id, question;
		SELECT 'finding', scorecard_id, seq, check_id, status, cap, informs, reason_fr,
			reason_en FROM finding ORDER BY scorecard_id, seq;
		SELECT 'domain', scorecard_id, domain, title_fr, title_en, weight, score
			FROM domain_score ORDER BY scorecard_id, domain;
		SELECT 'action', scorecard_id, rank, question, gap, priority, effort, priority_measure
			FROM action ORDER BY scorecard_id, rank;"
}
rows >"$T/before"
sqlite3 -separator '|' "$DB" "SELECT DISTINCT question, text_fr, text_en FROM question
	ORDER BY question" >"$T/texts-before"
n=$(grep -c '^answer|' "$T/before")
f=$(grep -c '^finding|' "$T/before")
[ "$n" -gt 10 ] && [ "$f" = 2 ] && t_ok "version 1 holds $n answers and $f findings" ||
	t_notok "fixture rows: $n answers, $f findings"

t_run "summary upgrades the store" 0 "$VIGIE" summary --db "$DB"
v=$(sqlite3 "$DB" 'PRAGMA user_version')
[ "$v" = 2 ] && t_ok "user_version 2" || t_notok "user_version $v"
m=$(sqlite3 "$DB" 'SELECT group_concat(version) FROM (SELECT version FROM migration ORDER BY 1)')
[ "$m" = "1,2" ] && t_ok "migrations 1 and 2 recorded" || t_notok "migrations: $m"
k=$(sqlite3 "$DB" "SELECT group_concat(type || ':' || name) FROM (SELECT type, name
	FROM sqlite_schema WHERE name IN ('answer', 'finding', 'domain_score', 'action', 'question')
	ORDER BY name)")
[ "$k" = "view:action,view:answer,view:domain_score,view:finding" ] &&
	t_ok "derived tables are views, question table gone" || t_notok "schema: $k"
rows >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	t_ok "every derived row reads the same after the upgrade ($(wc -l <"$T/after") rows)"
else
	t_notok "derived rows differ after the upgrade" "$(diff "$T/before" "$T/after" | head -8)"
fi
sqlite3 -separator '|' "$DB" "SELECT DISTINCT question, text_fr, text_en FROM action
	WHERE priority_measure ORDER BY question" >"$T/texts-after"
cmp -s "$T/texts-before" "$T/texts-after" && t_ok "priority question texts kept" ||
	t_notok "question texts differ" "$(diff "$T/texts-before" "$T/texts-after" | head -6)"
i=$(sqlite3 "$DB" 'PRAGMA integrity_check')
[ "$i" = ok ] && t_ok "integrity_check after the upgrade" || t_notok "integrity_check: $i"
t_grep "summary reads the upgraded store" "$SCRATCH/out" "Mairie de Petit-Exemple"

# The evidence kept by version 1 still verifies, and the store takes imports again.
sqlite3 "$DB" "SELECT writefile('$T/again.json', scorecard_bytes),
	writefile('$T/again.json.minisig', signature_bytes) FROM scorecard WHERE id = 2" >/dev/null
t_run "stored evidence verifies" 0 "$VIGIE" verify --pubkey "$FX/fixture.pub" "$T/again.json"
t_run "the same file again" 0 "$VIGIE" collect --db "$DB" --pubkey "$FX/fixture.pub" \
	"$T/again.json"
t_grep "already present after the upgrade" "$SCRATCH/out" "0 importé, 1 déjà présent"
store_signed_cards 2 "$T/new"
t_run "new imports into the upgraded store" 0 "$VIGIE" collect --db "$DB" --pubkey "$T/k.pub" \
	"$T/new"
c=$(sqlite3 "$DB" 'SELECT count(*) FROM scorecard')
a=$(sqlite3 "$DB" 'SELECT count(DISTINCT scorecard_id) FROM answer WHERE scorecard_id > 3')
[ "$c" = 5 ] && [ "$a" = 2 ] && t_ok "5 scorecards, the 2 new ones with their answers" ||
	t_notok "scorecards $c, new ones with answers $a"

# A newer vigie's store is still refused, and the migration runs once.
t_run "second open" 0 "$VIGIE" summary --db "$DB"
m=$(sqlite3 "$DB" 'SELECT count(*) FROM migration')
[ "$m" = 2 ] && t_ok "no migration applied twice" || t_notok "migration rows: $m"

t_done
