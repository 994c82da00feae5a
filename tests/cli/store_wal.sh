#!/bin/sh
# A long collect keeps its write-ahead log bounded: a checkpointer thread copies the WAL
# into the database while the writer goes on, and the writer restarts the WAL once it
# passes 8000 pages (src/cmd_collect.c). So the database grows during the run and the WAL
# stays under 12000 pages whatever the load; with the checkpointer stuck it would reach 16 x 1000 pages,
# the writer's own backstop. 1500 scorecards of the communes questionnaire (82 KB each,
# about 12 WAL pages each with 8 KiB pages) make about 18000 pages. Needs sqlite3.
set -u
. "$2/tests/lib.sh"
. "$SRC/tests/store_lib.sh"
T=$SCRATCH
DB=$T/store.db
N=1500

"$VIGIE" score -q communes -a "$SRC/tests/data/answers/petite-commune.yaml" --no-host \
	--out "$T/template.json" >/dev/null || { echo "score failed"; exit 1; }
store_signed_cards $N "$T/cards" "$T/template.json"

"$VIGIE" collect --db "$DB" --pubkey "$T/k.pub" --quiet "$T/cards" >"$T/collect.out" 2>&1 &
pid=$!
# Sample the sizes of the WAL and of the database while the collect runs.
maxwal=0
dbmid=0
while kill -0 $pid 2>/dev/null; do
	w=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
	d=$(stat -c %s "$DB" 2>/dev/null || echo 0)
	[ "$w" -gt "$maxwal" ] && maxwal=$w
	[ "$w" -gt 0 ] && [ "$d" -gt "$dbmid" ] && dbmid=$d
	sleep 0.01
done
wait $pid
rc=$?
[ $rc = 0 ] && t_ok "collect of $N files (exit 0)" || t_notok "collect exit $rc" "$(tail -3 "$T/collect.out")"
total=$(stat -c %s "$DB")
page=$(sqlite3 "$DB" 'PRAGMA page_size')
[ "$page" = 8192 ] && t_ok "new store with 8 KiB pages" || t_notok "page_size $page"
echo "# largest WAL seen: $maxwal bytes; database while collecting: up to $dbmid of $total bytes"
if [ "$maxwal" -gt 0 ] && [ "$maxwal" -lt $((12000 * (page + 24))) ]; then
	t_ok "the WAL stayed under 12000 pages"
else
	t_notok "largest WAL $maxwal bytes (12000 pages: $((12000 * (page + 24))))"
fi
if [ "$dbmid" -gt $((total / 4)) ]; then
	t_ok "checkpoints ran during the collect (database at $dbmid bytes of $total)"
else
	t_notok "the database did not grow while collecting ($dbmid of $total bytes)"
fi
[ ! -e "$DB-wal" ] || [ "$(stat -c %s "$DB-wal")" = 0 ] && t_ok "no WAL left after the run" ||
	t_notok "WAL left: $(stat -c %s "$DB-wal") bytes"
[ "$(store_count "$DB")" = $N ] && t_ok "$N rows" || t_notok "rows: $(store_count "$DB")"
ok=$(sqlite3 "$DB" 'PRAGMA integrity_check')
[ "$ok" = ok ] && t_ok "integrity_check ok" || t_notok "integrity_check: $ok"
t_done
