# The HTML report rendered by headless Chromium: a screenshot that shows the page (the
# grade badge and the bars in their colours), an A4 PDF of the expected number of pages,
# no console message and no network request (Chromium's NetLog), for a real scorecard and
# for one full of hostile strings. Chromium is kept off the network: its host resolver
# maps every name to nothing and its proxy is a closed loopback port.
. "$2/tests/lib.sh"
export SOURCE_DATE_EPOCH=1764390000
export LC_ALL=C.UTF-8

. "$SRC/tests/cli/lib/chromium.sh"
chromium_need pdfinfo

# check_page NAME HTML: screenshot + PDF of HTML; no console message, no request.
check_page() {
	name=$1
	html=$2
	if chrome "$name-png" --screenshot="$SCRATCH/$name.png" --window-size=1024,1400 "file://$html"; then
		t_ok "$name: screenshot taken"
	else
		t_notok "$name: chromium --screenshot failed" "$(tail -5 "$SCRATCH/$name-png.log")"
	fi
	if chrome "$name-pdf" --print-to-pdf="$SCRATCH/$name.pdf" --no-pdf-header-footer "file://$html"; then
		t_ok "$name: printed to PDF"
	else
		t_notok "$name: chromium --print-to-pdf failed" "$(tail -5 "$SCRATCH/$name-pdf.log")"
	fi
	if chrome "$name-dom" --dump-dom "file://$html"; then
		t_ok "$name: DOM dumped"
	else
		t_notok "$name: chromium --dump-dom failed" "$(tail -5 "$SCRATCH/$name-dom.log")"
	fi
	for run in png pdf dom; do
		if grep -q 'CONSOLE' "$SCRATCH/$name-$run.log"; then
			t_notok "$name ($run): console messages" "$(grep CONSOLE "$SCRATCH/$name-$run.log" | head -5)"
		else
			t_ok "$name ($run): no console message"
		fi
		req=$(page_requests "$SCRATCH/$name-$run.net")
		if [ -z "$req" ]; then
			t_ok "$name ($run): no network request"
		else
			t_notok "$name ($run): the page made requests" "$req"
		fi
	done
	t_no_script "$name" "$SCRATCH/$name-dom.out"
}

# The DOM Chromium built has no script element, no element with src or href, and one style
# element (vigie's, without url()): escaped text such as "&lt;img src=" is fine.
t_no_script() {
	if grep -qiE '<script|<[a-z][^>]*[[:space:]](src|href)=' "$2"; then
		t_notok "$1: the DOM has a script or an external reference" \
			"$(grep -oiE '.{40}(<script|<[a-z][^>]*[[:space:]](src|href)=).{40}' "$2" | head -3)"
	else
		t_ok "$1: the DOM has no script and no element with src or href"
	fi
	nstyle=$(grep -o '<style' "$2" | wc -l)
	style=$(sed -n '/<style>/,/<\/style>/p' "$2")
	if [ "$nstyle" -eq 1 ] && ! printf '%s' "$style" | grep -q 'url('; then
		t_ok "$1: the DOM has vigie's style element only, without url()"
	else
		t_notok "$1: $nstyle style elements, or url() in the style"
	fi
}

# The detectors work: a page with a script and an image on a closed loopback port.
cat >"$SCRATCH/bad.html" <<'EOT'
<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body>
<img src="http://127.0.0.1:9/x.png" alt=""><script>console.error("boom")</script></body></html>
EOT
chrome bad --dump-dom "file://$SCRATCH/bad.html"
t_grep "control: a console message is seen" "$SCRATCH/bad.log" '"boom"'
page_requests "$SCRATCH/bad.net" >"$SCRATCH/bad.req"
t_grep "control: a request is seen" "$SCRATCH/bad.req" "127.0.0.1:9/x.png"

# A real scorecard.
"$VIGIE" score -q decouverte --answers "$SRC/tests/data/answers/saint-exemple.yaml" \
	--out "$SCRATCH/saint-exemple.json" --no-host >/dev/null
t_run "report of saint-exemple" 0 "$VIGIE" report "$SCRATCH/saint-exemple.json"
check_page saint-exemple "$SCRATCH/saint-exemple.html"

# The screenshot shows the page: its size, many colours, the orange D badge (about
# 128 x 128 px less its rounded corners and the letter) and the red bars of two domains.
stats=$(python3 "$SRC/tests/png_stats.py" "$SCRATCH/saint-exemple.png" '#e8590c' '#c92a2a')
echo "# $stats"
set -- $stats
[ "$1" = 1024x1400 ] && t_ok "screenshot is 1024x1400" || t_notok "screenshot size $1"
n=${2#colours=}
[ "$n" -gt 50 ] && t_ok "screenshot has $n colours" || t_notok "screenshot has only $n colours (blank?)"
nw=${3#nonwhite=}
case $nw in 0.0[5-9]* | 0.[1-9]*) t_ok "screenshot is not blank ($nw non-white)" ;;
*) t_notok "screenshot is almost blank ($nw non-white)" ;; esac
badge=${4#*=}
[ "$badge" -gt 8000 ] && t_ok "the D badge is drawn ($badge orange pixels)" ||
	t_notok "the D badge is missing ($badge orange pixels)"
bars=${5#*=}
[ "$bars" -gt 500 ] && t_ok "the E bars are drawn ($bars red pixels)" ||
	t_notok "the E bars are missing ($bars red pixels)"

# The PDF: A4 pages, at most 4 (the report of the seven-question questionnaire: 3 pages
# with Debian 12's Chromium and fonts).
pdfinfo "$SCRATCH/saint-exemple.pdf" >"$SCRATCH/pdfinfo"
t_grep "PDF pages are A4" "$SCRATCH/pdfinfo" "(A4)"
pages=$(awk '/^Pages:/ { print $2 }' "$SCRATCH/pdfinfo")
[ "$pages" -ge 2 ] && [ "$pages" -le 4 ] && t_ok "PDF has $pages pages (2 to 4)" ||
	t_notok "PDF has $pages pages, expected 2 to 4"

# Hostile strings render, escaped, without a script and without a request.
long=$(head -c 3000 /dev/zero | tr '\0' 'x')
cat >"$SCRATCH/hostile.yaml" <<EOT
format: vigie-answers/1
questionnaire: decouverte
organisation:
  name: "<script>alert(1)</script> & \"Mairie\" 'x' بلدية e\u0301"
  insee: "01999"
  contact: "<img src=http://127.0.0.1:9/c.png onerror=alert(2)>"
answers:
  ctx.serveur: oui
  sauvegardes.hors_ligne: {answer: non, note: "\e[31mrouge \u202Eevil <b>gras</b> مرحبا بالعالم a\u0301\u0302"}
  comptes.nominatifs: {answer: partiel, note: "$long"}
  comptes.admin_separe: {answer: non, note: "</td></tr></table><style>body{background:url(http://127.0.0.1:9/u)}</style><script>alert(3)</script>"}
EOT
"$VIGIE" score -q decouverte --answers "$SCRATCH/hostile.yaml" --out "$SCRATCH/hostile.json" --no-host >/dev/null
t_run "report of hostile strings" 0 "$VIGIE" report "$SCRATCH/hostile.json" --detail
check_page hostile "$SCRATCH/hostile.html"
t_grep "the DOM shows the escaped script as text" "$SCRATCH/hostile-dom.out" "&lt;script&gt;alert(3)&lt;/script&gt;"
# The 3000-character note wraps inside the A4 page: all of it is printed, in short lines.
pdftotext "$SCRATCH/hostile.pdf" "$SCRATCH/hostile.txt"
total=$(tr -cd 'x' <"$SCRATCH/hostile.txt" | wc -c)
run=$(grep -o 'xxx*' "$SCRATCH/hostile.txt" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
[ "$total" -ge 3000 ] && t_ok "hostile: the long note is printed whole ($total x)" ||
	t_notok "hostile: only $total x of the 3000 printed (clipped?)"
[ "$run" -lt 150 ] && t_ok "hostile: and wrapped (longest line run $run)" ||
	t_notok "hostile: a line of $run x: the note does not wrap"
pdfinfo "$SCRATCH/hostile.pdf" >"$SCRATCH/pdfinfo"
t_grep "hostile: PDF pages are A4" "$SCRATCH/pdfinfo" "(A4)"

# The mayor's report of a typical small commune (tests/cli/petite_commune.sh) on the full
# questionnaire, with the findings of a server check: at most 4 A4 pages, the tables of
# the annex (--detail) never narrower than a word, the radar's labels whole.
"$VIGIE" score -q communes --answers "$SRC/tests/data/answers/petite-commune.yaml" \
	--out "$SCRATCH/petite.json" --no-host >/dev/null
ev='"evidence": [ { "cap": 0, "id": "fichiers.shadow", "informs": ["comptes.droits_serveur"], "reason": {"en": "Password hashes (/etc/shadow, /etc/gshadow) protected", "fr": "Empreintes des mots de passe (/etc/shadow, /etc/gshadow) protégées"}, "status": "fail" }, { "cap": null, "id": "cron.crontab", "informs": ["comptes.droits_serveur"], "reason": {"en": "Scheduled tasks (/etc/crontab) writable by root only", "fr": "Tâches planifiées (/etc/crontab) modifiables par root seul"}, "status": "skipped" } ],'
sed "s|\"evidence\": \[\],|$ev|" "$SCRATCH/petite.json" >"$SCRATCH/petite-ev.json"
t_run "report of the petite commune" 0 "$VIGIE" report "$SCRATCH/petite-ev.json" --html "$SCRATCH/petite.html"
check_page petite "$SCRATCH/petite.html"
pdfinfo "$SCRATCH/petite.pdf" >"$SCRATCH/pdfinfo"
t_grep "petite: PDF pages are A4" "$SCRATCH/pdfinfo" "(A4)"
pages=$(awk '/^Pages:/ { print $2 }' "$SCRATCH/pdfinfo")
[ "$pages" -le 4 ] && t_ok "petite: the mayor's report is $pages A4 pages (at most 4)" ||
	t_notok "petite: the mayor's report is $pages A4 pages, more than 4"
pdftotext "$SCRATCH/petite.pdf" "$SCRATCH/petite.txt"
t_grep "petite: the finding in plain words" "$SCRATCH/petite.txt" "Empreintes des mots de passe protégées"
t_no_text() {
	if grep -qF -- "$3" "$2"; then t_notok "$1: '$3' found"; else t_ok "$1"; fi
}
t_no_text "petite: no path in the mayor's pages" "$SCRATCH/petite.txt" "/etc/shadow"
t_no_text "petite: no check id in the mayor's pages" "$SCRATCH/petite.txt" "fichiers.shadow"
t_no_text "petite: a pruned question is not 'sans réponse'" "$SCRATCH/petite.txt" "sans réponse"
sed -n '/^Gains rapides/,/^Vérifications automatiques/p' "$SCRATCH/petite.txt" >"$SCRATCH/wins"
t_no_text "petite: no quick win of medium effort" "$SCRATCH/wins" "Effort moyen"
wins=$(sed -n '/<ul class="wins">/,/<\/ul>/p' "$SCRATCH/petite.html" | grep -c '^<li>')
[ "$wins" -ge 1 ] && [ "$wins" -le 8 ] && t_ok "petite: $wins quick wins (1 to 8)" ||
	t_notok "petite: $wins quick wins, expected 1 to 8"

# The layout probe (chrome_probe of tests/cli/lib/chromium.sh) measures, in the rendered
# page, every table cell against the widest of its words and the radar's labels.
# The detectors work: a table squeezed by a long word in its other column.
cat >"$SCRATCH/squeeze.html" <<'EOT'
<!DOCTYPE html><html lang="en"><head><title>squeeze</title><style>th,td{overflow-wrap:anywhere}</style></head>
<body style="width:300px"><table><tr><td>authentification</td><td>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</td></tr></table></body></html>
EOT
chrome_probe squeeze "$SCRATCH/squeeze.html" 1024
t_grep "control: the probe sees a squeezed cell" "$SCRATCH/squeeze.probe" "NARROW"

t_run "report --detail of the petite commune" 0 "$VIGIE" report "$SCRATCH/petite-ev.json" --detail \
	--html "$SCRATCH/petite-detail.html"
check_page petite-detail "$SCRATCH/petite-detail.html"
pdftotext "$SCRATCH/petite-detail.pdf" "$SCRATCH/petite-detail.txt"
t_grep "petite --detail: the paths are in the annex" "$SCRATCH/petite-detail.txt" "/etc/shadow"
for width in 1024 700; do
	chrome_probe "petite-$width" "$SCRATCH/petite-detail.html" "$width"
	cells=$(awk '/^CELLS/ { print $2 }' "$SCRATCH/petite-$width.probe")
	[ "${cells:-0}" -gt 50 ] && t_ok "petite at $width px: the probe measured $cells cells" ||
		t_notok "petite at $width px: the probe measured ${cells:-no} cells"
	if grep -q '^NARROW' "$SCRATCH/petite-$width.probe"; then
		t_notok "petite at $width px: cells narrower than a word" "$(grep '^NARROW' "$SCRATCH/petite-$width.probe" | head -5)"
	else
		t_ok "petite at $width px: no table cell narrower than its widest word"
	fi
	if grep -q '^OUTSIDE' "$SCRATCH/petite-$width.probe"; then
		t_notok "petite at $width px: radar labels outside the chart" "$(grep '^OUTSIDE' "$SCRATCH/petite-$width.probe")"
	else
		t_ok "petite at $width px: every radar label inside the chart"
	fi
done
# On a phone (360 px), the page never scrolls sideways: the header's and the signature's
# terms wrap, and so do the e-mail address and the fingerprint; a table too wide scrolls
# in its own box.
for page in petite petite-detail; do
	chrome_probe "$page-360" "$SCRATCH/$page.html" 360
	if grep -q '^OVERFLOW' "$SCRATCH/$page-360.probe"; then
		t_notok "$page at 360 px: wider than the page" "$(grep '^OVERFLOW' "$SCRATCH/$page-360.probe" | head -5)"
	else
		t_ok "$page at 360 px: nothing wider than the page"
	fi
done
# Every domain that concerns the commune is an axis of the radar, its title whole.
jq -r '.scores.domains | to_entries[] | select(.value.score != null) | .value.title.fr' \
	"$SCRATCH/petite.json" | sort >"$SCRATCH/titles"
sed -n 's/^LABEL //p' "$SCRATCH/petite-1024.probe" | sort >"$SCRATCH/labels"
n=$(wc -l <"$SCRATCH/titles")
if [ "$n" -ge 12 ] && cmp -s "$SCRATCH/titles" "$SCRATCH/labels"; then
	t_ok "petite: the radar's $n labels are the domain titles, whole"
else
	t_notok "petite: radar labels differ from the domain titles" "$(diff "$SCRATCH/titles" "$SCRATCH/labels" | head -10)"
fi
# The same measure on A4: every word of the annex's answers appears whole in the PDF's
# text (a word broken inside would show as two pieces).
grep -o '<td dir="auto" class="u">[^<]*</td>' "$SCRATCH/petite-detail.html" | sed 's/<[^>]*>//g' |
	tr ' ' '\n' | grep -E '^[[:alpha:]]{6,}$' | sort -u >"$SCRATCH/words"
tr -s ' \n' '\n\n' <"$SCRATCH/petite-detail.txt" | sort -u >"$SCRATCH/pdfwords"
missing=$(comm -23 "$SCRATCH/words" "$SCRATCH/pdfwords")
nwords=$(wc -l <"$SCRATCH/words")
if [ "$nwords" -gt 20 ] && [ -z "$missing" ]; then
	t_ok "petite on A4: the $nwords words of the answers are printed whole"
else
	t_notok "petite on A4: words broken or missing ($nwords checked)" "$(echo "$missing" | head -5)"
fi
t_done
