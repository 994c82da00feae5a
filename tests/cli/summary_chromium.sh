# vigie summary --html of a store of 12 communes, rendered by headless Chromium kept off
# the network: the grade badges and the charts in their colours (screenshot pixels and
# DOM), the grade distribution matching the communes, rows sorted by grade then INSEE
# code, dates in words, domains in the questionnaire's order, question titles rather
# than ids, no table cell narrower than its widest word, no console message, no request.
. "$2/tests/lib.sh"
export LC_ALL=C.UTF-8
T=$SCRATCH
DB=$T/store.db

. "$SRC/tests/cli/lib/chromium.sh"
chromium_need jq

"$VIGIE" keygen --out "$T/k" >/dev/null 2>&1 || t_notok "keygen"

# Five answer profiles of the decouverte questionnaire and their grades.
A="sauvegardes.hors_ligne: oui|sauvegardes.restauration: chaque_annee|comptes.nominatifs: oui|comptes.admin_separe: oui|comptes.double_authentification: tous|mises_a_jour.postes: oui|mises_a_jour.serveur: oui"
B="sauvegardes.hors_ligne: oui|sauvegardes.restauration: une_fois|comptes.nominatifs: oui|comptes.admin_separe: oui|comptes.double_authentification: certains|mises_a_jour.postes: oui|mises_a_jour.serveur: oui"
C="sauvegardes.hors_ligne: oui|sauvegardes.restauration: une_fois|comptes.nominatifs: partiel|comptes.admin_separe: oui|comptes.double_authentification: certains|mises_a_jour.postes: partiel|mises_a_jour.serveur: non"
D="sauvegardes.hors_ligne: parfois|sauvegardes.restauration: une_fois|comptes.nominatifs: partiel|comptes.admin_separe: oui|comptes.double_authentification: certains|mises_a_jour.postes: partiel|mises_a_jour.serveur: non"
E="sauvegardes.hors_ligne: non|sauvegardes.restauration: jamais|comptes.nominatifs: non|comptes.admin_separe: non|comptes.double_authentification: non|mises_a_jour.postes: non|mises_a_jour.serveur: non"

# card FILE DATE INSEE NAME PROFILE: a signed-to-be decouverte scorecard.
mkdir -p "$T/cards"
card() {
	{
		printf 'format: vigie-answers/1\nquestionnaire: decouverte\norganisation:\n'
		printf '  name: "%s"\n  insee: "%s"\n  contact: "mairie@example.fr"\nanswers:\n  ctx.serveur: oui\n' "$4" "$3"
		echo "$5" | tr '|' '\n' | sed 's/^/  /'
	} >"$T/$1.yaml"
	SOURCE_DATE_EPOCH=$(date -u -d "$2" +%s) "$VIGIE" score -q decouverte -a "$T/$1.yaml" \
		--no-host --out "$T/cards/$1.json" >/dev/null || t_notok "score $1"
}
# 12 communes: 2 A, 3 B, 2 C, 3 D, 2 E; two of them with an older scorecard.
card c01 2025-12-05T20:06:00Z 38185 "Saint-Martin-d'Hères" "$A"
card c02 2025-11-02T09:00:00Z 01004 "Ambérieu-en-Bugey" "$A"
card c03 2025-10-03T09:00:00Z 73065 "Chambéry-le-Vieux, hameau des Charmettes" "$B"
card c04 2025-10-04T09:00:00Z 26281 "Saint-Paul-Trois-Châteaux" "$B"
card c05 2025-10-05T09:00:00Z 2A004 "Ajaccio" "$B"
card c06 2025-10-06T09:00:00Z 74010 "Annecy" "$C"
card c07 2025-10-07T09:00:00Z 05061 "Gap" "$C"
card c08 2025-10-08T09:00:00Z 07010 "Annonay" "$D"
card c09 2025-10-09T09:00:00Z 15014 "Aurillac" "$D"
card c10 2025-10-10T09:00:00Z 03190 "Montluçon" "$D"
card c11 2025-10-11T09:00:00Z 42218 "Saint-Étienne" "$E"
card c12 2025-10-12T09:00:00Z 69123 "Lyon" "$E"
card c01-old 2024-12-01T09:00:00Z 38185 "Saint-Martin-d'Hères" "$C"
card c12-old 2024-12-01T09:00:00Z 69123 "Lyon" "$D"
"$VIGIE" sign --key "$T/k.key" "$T"/cards/*.json >/dev/null || t_notok "sign"
t_run "collect 14 scorecards of 12 communes" 0 "$VIGIE" collect --db "$DB" --pubkey "$T/k.pub" "$T/cards"
t_run "summary --html" 0 "$VIGIE" summary --db "$DB" --html "$T/summary.html"
h=$T/summary.html

# The page as written.
t_grep "a Content-Security-Policy forbids scripts and requests" "$h" "default-src 'none'"
for g in A B C D E; do
	want=$(case $g in A | C | E) echo 2 ;; *) echo 3 ;; esac)
	got=$(grep -o "<span class=\"badge g-$g\">$g</span>" "$h" | wc -l)
	[ "$got" = "$want" ] && t_ok "$want badges $g" || t_notok "$got badges $g, expected $want"
done
# The distribution chart: one bar per grade, its height proportional to its count (3 is
# the tallest: 150 px; 2 is 100 px), then the unscored bar at 0.
heights=$(grep -o '<rect class="gbar"[^>]*' "$h" | sed 's/.*height="\([0-9.]*\)".*/\1/' | tr '\n' ' ')
[ "$heights" = "100.0 150.0 100.0 150.0 100.0 0.0 " ] && t_ok "grade bars of heights $heights" ||
	t_notok "grade bars of heights $heights"
t_grep "the grade bars in the grade colours" "$h" 'fill="#c92a2a" stroke="#1b1b1b"'
# Rows sorted by grade (A first), then INSEE code.
grep -o '<tr><td><span class="badge g-[A-E]">[A-E]</span></td><td>[0-9AB]*</td>' "$h" |
	sed 's/.*">\([A-E]\)<\/span><\/td><td>\([0-9AB]*\)<.*/\1 \2/' | tr '\n' ' ' >"$T/order"
want="A 01004 A 38185 B 26281 B 2A004 B 73065 C 05061 C 74010 D 03190 D 07010 D 15014 E 42218 E 69123 "
[ "$(cat "$T/order")" = "$want" ] && t_ok "rows sorted by grade, then INSEE code" ||
	t_notok "rows in the order $(cat "$T/order")" "expected $want"
# Dates in words, in Paris time (20:06 UTC on 5 December is 21:06 in Paris, the same day).
t_grep "dates in words" "$h" '<td class="d">5 décembre 2025</td>'
t_grep "the trend of a commune that rose" "$h" '<td class="up">↑ +'
t_grep "and of one that fell" "$h" '<td class="down">↓ −'
# Domains in the questionnaire's order (sauvegardes, comptes, mises_a_jour), in the table
# and in the chart.
grep -o '<tr><th scope="row" dir="auto" class="u">[^<]*</th><td class="n">[0-9,–]*</td><td class="n">' "$h" |
	sed 's/.*class="u">\([^<]*\)<.*/\1/' | tr '\n' '|' >"$T/doms"
[ "$(cat "$T/doms")" = "Sauvegardes|Comptes et accès|Mises à jour|" ] &&
	t_ok "domains in the questionnaire's order" || t_notok "domains in the order $(cat "$T/doms")"
# Question titles, not ids.
if grep -q 'sauvegardes\.hors_ligne\|comptes\.admin_separe\|mises_a_jour\.' "$h"; then
	t_notok "question ids in the page" "$(grep -o '[a-z_]*\.[a-z_]*' "$h" | sort -u | head -5)"
else
	t_ok "no question id in the page"
fi
t_grep "question titles" "$h" "Le compte administrateur (qui peut installer des logiciels)"

# Rendered.
if chrome png --screenshot="$T/summary.png" --window-size=1280,1600 "file://$h"; then
	t_ok "screenshot taken"
else
	t_notok "chromium --screenshot failed" "$(tail -5 "$T/png.log")"
fi
chrome pdf --print-to-pdf="$T/summary.pdf" --no-pdf-header-footer "file://$h" || t_notok "print to PDF"
for run in png pdf; do
	if grep -q CONSOLE "$T/$run.log"; then
		t_notok "($run) console messages" "$(grep CONSOLE "$T/$run.log" | head -3)"
	else
		t_ok "($run) no console message"
	fi
	[ -z "$(page_requests "$T/$run.net")" ] && t_ok "($run) no network request" ||
		t_notok "($run) requests" "$(page_requests "$T/$run.net")"
done
# The screenshot: each grade colour is there, in the badges and the bars (a badge is
# about 32 x 20 px, a bar 44 px wide and 100 to 150 px high).
stats=$(python3 "$SRC/tests/png_stats.py" "$T/summary.png" '#1a7f37' '#4d7c0f' '#f2c200' '#e8590c' '#c92a2a')
echo "# $stats"
set -- $stats
[ "$1" = 1280x1600 ] && t_ok "screenshot is 1280x1600" || t_notok "screenshot size $1"
shift 3
for c in "$@"; do
	n=${c#*=}
	[ "$n" -gt 4000 ] && t_ok "colour ${c%=*}: $n pixels" || t_notok "colour ${c%=*}: only $n pixels"
done

# No table cell narrower than its widest word, in the rendered page (the layout probe of
# tests/cli/lib/chromium.sh).
for width in 1280 800; do
	chrome_probe "probe-$width" "$h" "$width"
	cells=$(awk '/^CELLS/ { print $2 }' "$T/probe-$width.probe")
	[ "${cells:-0}" -gt 100 ] && t_ok "at $width px: the probe measured $cells cells" ||
		t_notok "at $width px: the probe measured ${cells:-no} cells"
	if grep -q '^NARROW' "$T/probe-$width.probe"; then
		t_notok "at $width px: cells narrower than a word" "$(grep '^NARROW' "$T/probe-$width.probe" | head -5)"
	else
		t_ok "at $width px: no table cell narrower than its widest word"
	fi
done
# history finds a commune by a piece of its name, accents and case ignored, and writes
# its trend as a page.
t_run "history 'saint etienne' (no accent, no hyphen)" 0 "$VIGIE" history --db "$DB" "saint etienne"
t_grep "  finds Saint-Étienne" "$T/out" "42218 Saint-Étienne"
t_run "history 'HERES'" 0 "$VIGIE" history --db "$DB" "HERES"
t_grep "  finds Saint-Martin-d'Hères" "$T/out" "38185 Saint-Martin-d'Hères (2"
t_run "history 'saint' fits three communes" 1 "$VIGIE" history --db "$DB" "saint"
t_grep "  lists them" "$T/err" "3 collectivités correspondent à « saint » ; donnez un code INSEE"
t_grep "  with their INSEE code" "$T/err" "26281  Saint-Paul-Trois-Châteaux"
t_run "history --html of Lyon" 0 "$VIGIE" history --db "$DB" --html "$T/lyon.html" 69123
chrome lyon --screenshot="$T/lyon.png" --window-size=1024,800 "file://$T/lyon.html" || t_notok "screenshot of the trend"
grep -q CONSOLE "$T/lyon.log" && t_notok "trend: console messages" || t_ok "trend: no console message"
[ -z "$(page_requests "$T/lyon.net")" ] && t_ok "trend: no network request" || t_notok "trend: requests"
# The trend's two dots: D (orange) a year ago, E (red) now.
stats=$(python3 "$SRC/tests/png_stats.py" "$T/lyon.png" '#e8590c' '#c92a2a')
echo "# $stats"
set -- $stats
d=${4#*=}
e=${5#*=}
[ "$d" -gt 100 ] && [ "$e" -gt 100 ] && t_ok "trend: the D and E dots and badges drawn ($d, $e pixels)" ||
	t_notok "trend: D $d and E $e pixels"
t_done
