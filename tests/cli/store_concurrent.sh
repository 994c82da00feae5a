#!/bin/sh
# Two vigie collect processes on the same store at once, on overlapping sets of files:
# nothing lost, nothing twice, both succeed.
set -u
. "$2/tests/lib.sh"
. "$SRC/tests/store_lib.sh"
T=$SCRATCH
DB=$T/store.db
N=300

store_signed_cards $N "$T/all"
# A: files 1..200, B: files 101..300 (in reverse order, to cross A in the middle).
mkdir -p "$T/a" "$T/b"
i=1
for f in "$T"/all/*.json; do
	[ $i -le 200 ] && ln "$f" "$T/a/" && ln "$f.minisig" "$T/a/"
	[ $i -gt 100 ] && ln "$f" "$T/b/" && ln "$f.minisig" "$T/b/"
	i=$((i + 1))
done
set -- $(ls "$T"/b/*.json | sort -r)

# Both start on a store that does not exist yet: they also race to create and migrate it.
"$VIGIE" collect --db "$DB" --pubkey "$T/k.pub" --jobs 1 "$T/a" >"$T/a.out" 2>"$T/a.err" &
pa=$!
"$VIGIE" collect --db "$DB" --pubkey "$T/k.pub" --jobs 1 "$@" >"$T/b.out" 2>"$T/b.err" &
pb=$!
wait $pa
ra=$?
wait $pb
rb=$?
[ $ra -eq 0 ] && t_ok "first collect succeeded" || t_notok "first collect: exit $ra" "$(tail -3 "$T/a.out" "$T/a.err")"
[ $rb -eq 0 ] && t_ok "second collect succeeded" || t_notok "second collect: exit $rb" "$(tail -3 "$T/b.out" "$T/b.err")"
rows=$(store_count "$DB")
distinct=$(sqlite3 "$DB" 'SELECT count(DISTINCT sha256) FROM scorecard')
[ "$rows" = $N ] && t_ok "rows = distinct files ($N)" || t_notok "rows $rows, want $N"
[ "$distinct" = "$rows" ] && t_ok "no scorecard twice" || t_notok "distinct $distinct, rows $rows"
ia=$(grep -c '^importée' "$T/a.out")
ib=$(grep -c '^importée' "$T/b.out")
pa=$(grep -c '^déjà présente' "$T/a.out")
pb=$(grep -c '^déjà présente' "$T/b.out")
[ $((ia + ib)) -eq $N ] && t_ok "imported lines add up: $ia + $ib" || t_notok "imported $ia + $ib != $N"
[ $((ia + ib + pa + pb)) -eq 400 ] && t_ok "every file reported once per run" ||
	t_notok "lines: $ia $ib $pa $pb"
ok=$(sqlite3 "$DB" 'PRAGMA integrity_check')
[ "$ok" = ok ] && t_ok "integrity_check ok" || t_notok "integrity_check: $ok"
t_done
