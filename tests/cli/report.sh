# vigie report and vigie compare on real scorecards: the golden text report, the HTML
# page, hostile strings, the signature section, comparisons of each kind of change, and
# refusals. The rendering in Chromium is tests/cli/report_chromium.sh.
. "$2/tests/lib.sh"
data=$SRC/tests/data
export SOURCE_DATE_EPOCH=1764390000 # generated_at 2025-11-29T04:20:00Z
export LC_ALL=C.UTF-8

# t_no NAME FILE FIXED-STRING: FILE does not contain the string.
t_no() {
	if grep -qiF -- "$3" "$2"; then
		t_notok "$1: '$3' found in $(basename "$2")" "$(grep -iF -- "$3" "$2" | head -c 300)"
	else
		t_ok "$1"
	fi
}

# t_same NAME GOT WANT: the files are equal once the version of vigie is masked.
t_same() {
	sed 's/vigie [0-9][0-9.]*\.$/vigie X./' "$2" >"$SCRATCH/got.masked"
	if cmp -s "$SCRATCH/got.masked" "$3"; then
		t_ok "$1"
	else
		t_notok "$1: differs from $(basename "$3")" "$(diff "$3" "$SCRATCH/got.masked" | head -20)"
	fi
}

# A scorecard from an answers file: score ANSWERS OUT.
score() {
	"$VIGIE" score -q decouverte --answers "$1" --out "$2" --no-host >/dev/null 2>"$SCRATCH/err" ||
		t_notok "scoring $(basename "$1")" "$(cat "$SCRATCH/err")"
}

sc=$SCRATCH/saint-exemple.json
score "$data/answers/saint-exemple.yaml" "$sc"

# The text report, golden (regenerate with the command below after a deliberate change,
# masking the version on the last line as t_same does).
t_run "text report in French" 0 "$VIGIE" report "$sc" --text
cp "$SCRATCH/out" "$SCRATCH/fr.txt"
t_same "  is the golden saint-exemple.fr.txt" "$SCRATCH/fr.txt" "$data/report/saint-exemple.fr.txt"
t_run "text report in English" 0 "$VIGIE" report --lang en "$sc" --text
cp "$SCRATCH/out" "$SCRATCH/en.txt"
t_same "  is the golden saint-exemple.en.txt" "$SCRATCH/en.txt" "$data/report/saint-exemple.en.txt"
t_run "vigie --lang en applies to the report" 0 "$VIGIE" --lang en report "$sc" --text
t_grep "  in English" "$SCRATCH/out" "THE SIX PRIORITY MEASURES"
w=$(wc -L <"$SCRATCH/fr.txt")
if [ "$w" -le 78 ]; then t_ok "  lines of at most 78 columns ($w)"; else t_notok "  a line of $w columns"; fi

# The HTML page.
t_run "HTML report next to the scorecard by default" 0 "$VIGIE" report "$sc"
html=$SCRATCH/saint-exemple.html
t_grep "  says where it wrote" "$SCRATCH/out" "$html"
t_grep "  is HTML in French" "$html" '<html lang="fr">'
t_grep "  has a title" "$html" "<title>Bilan de cybersécurité — Mairie de Saint-Exemple</title>"
t_grep "  shows the grade" "$html" '<div class="badge g-D" role="img" aria-label="Note D">D</div>'
t_grep "  draws the radar" "$html" 'aria-labelledby="radar-t radar-d"'
t_grep "  draws the bars" "$html" 'aria-labelledby="bars-t bars-d"'
t_grep "  gives the bars their values as text" "$html" 'Comptes et accès&#160;: 21,4&#160;;'
t_grep "  explains why (questionnaire help)" "$html" "Un rançongiciel chiffre tout"
t_grep "  and how (advice)" "$html" "Fixez un jour de la semaine"
t_grep "  lists quick wins" "$html" "Gains rapides (effort&#160;: faible)"
t_grep "  lists what to clarify" "$html" "réponse «&#160;je ne sais pas&#160;»"
t_grep "  dates in Paris time, in French" "$html" "<dd>29 novembre 2025, 5 h 20</dd>"
t_no "  has no annex without --detail" "$html" "Deux postes sur cinq — à revoir"
t_grep "  says where the detail is" "$html" "vigie report --detail"
t_run "HTML report with --detail" 0 "$VIGIE" report "$sc" --detail --html "$SCRATCH/detail.html"
t_grep "  shows the notes" "$SCRATCH/detail.html" "Deux postes sur cinq — à revoir"
t_grep "  in an annex after a page break" "$SCRATCH/detail.html" '<section class="annex"'
t_grep "  gives the charts a table" "$SCRATCH/detail.html" '<th scope="row" dir="auto" class="u">Comptes et accès</th>'
t_grep "  prints on A4" "$html" "@page{size:A4"
t_grep "  forbids external resources" "$html" "default-src 'none'"
t_no "  has no script" "$html" "<script"
t_no "  has no http URL" "$html" "http:"
t_no "  has no https URL" "$html" "https:"
t_no "  loads nothing (src=)" "$html" "src="
t_no "  links nothing (href=)" "$html" "href="
t_no "  loads nothing (url()" "$html" "url("
t_grep "  says there is no signature" "$html" "Aucune signature n'accompagne ce bilan"
if ls -a "$SCRATCH" | grep -q 'vigie-tmp'; then
	t_notok "  left a temporary file" "$(ls -a "$SCRATCH")"
else
	t_ok "  left no temporary file"
fi
# Accessibility: headings never skip a level, every th has a scope, every svg is an image
# with a title and a description.
levels=$(grep -o '<h[1-6]' "$html" | tr -d '<h' | tr '\n' ' ')
if echo "$levels" | awk '{ p = 0; for (i = 1; i <= NF; i++) { if ($i > p + 1) exit 1; p = $i } }'; then
	t_ok "  headings in order ($levels)"
else
	t_notok "  headings skip a level: $levels"
fi
if grep -o '<th[ >][^>]*>' "$html" | grep -qv 'scope="'; then
	t_notok "  a th without scope" "$(grep -o '<th[ >][^>]*>' "$html" | grep -v 'scope=' | head -3)"
else
	t_ok "  every th has a scope"
fi
nsvg=$(grep -o '<svg ' "$html" | wc -l)
nimg=$(grep -o '<svg role="img" aria-labelledby="[a-z]*-t [a-z]*-d"' "$html" | wc -l)
ntitle=$(grep -o '<title id="[a-z]*-t">' "$html" | wc -l)
if [ "$nsvg" -eq 2 ] && [ "$nimg" -eq 2 ] && [ "$ntitle" -eq 2 ]; then
	t_ok "  both charts are labelled images"
else
	t_notok "  $nsvg svg, $nimg labelled, $ntitle titles"
fi
t_run "--html OUT and --lang en" 0 "$VIGIE" report "$sc" --lang en --html "$SCRATCH/en.html"
t_grep "  is HTML in English" "$SCRATCH/en.html" '<html lang="en">'
t_grep "  translated" "$SCRATCH/en.html" "The six priority measures"

# Without the questionnaire (a sha256 that no questionnaire has): ids instead of texts.
sed 's/"sha256": "[0-9a-f]*"/"sha256": "0000000000000000000000000000000000000000000000000000000000000000"/' \
	"$sc" >"$SCRATCH/other-q.json"
t_run "a scorecard of an unknown questionnaire still reports" 0 "$VIGIE" report "$SCRATCH/other-q.json" --text --detail
t_grep "  with question ids" "$SCRATCH/out" "sauvegardes.hors_ligne"
t_grep "  with the texts the scorecard carries" "$SCRATCH/out" "Une copie de vos données"
t_no "  without the help it cannot check" "$SCRATCH/out" "Pourquoi :"

# Hostile strings: markup, script, quotes, right-to-left and combining characters, control
# characters (a terminal escape, a bidi override), a 3000-character word.
long=$(head -c 3000 /dev/zero | tr '\0' 'x')
cat >"$SCRATCH/hostile.yaml" <<EOT
format: vigie-answers/1
questionnaire: decouverte
organisation:
  name: "<script>alert(1)</script> & \"Mairie\" 'x' بلدية e\u0301"
  insee: "01999"
  contact: "<img src=x onerror=alert(2)>"
answers:
  ctx.serveur: oui
  sauvegardes.hors_ligne: {answer: non, note: "\e[31mrouge\e[0m \u202Eevil <b>gras</b> مرحبا بالعالم a\u0301\u0302"}
  comptes.nominatifs: {answer: partiel, note: "$long"}
  comptes.admin_separe: {answer: non, note: "</td></tr></table><script>alert(3)</script>"}
EOT
score "$SCRATCH/hostile.yaml" "$SCRATCH/hostile.json"
t_run "report of hostile strings" 0 "$VIGIE" report "$SCRATCH/hostile.json" --detail
h=$SCRATCH/hostile.html
t_no "  no raw <script" "$h" "<script"
t_no "  no raw <img" "$h" "<img"
t_no "  no raw <b>" "$h" "<b>"
t_grep "  organisation escaped in the title" "$h" \
	"<title>Bilan de cybersécurité — &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Mairie&quot; &#39;x&#39;"
t_grep "  contact escaped" "$h" "&lt;img src=x onerror=alert(2)&gt;"
t_grep "  note escaped" "$h" "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(3)&lt;/script&gt;"
rtl=$(printf '\330\250\331\204\330\257\331\212\330\251 e\314\201') # Arabic, e + U+0301
t_grep "  right-to-left text kept, isolated" "$h" \
	"<span dir=\"auto\" class=\"u\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Mairie&quot; &#39;x&#39; $rtl</span>"
t_grep "  combining characters kept" "$h" "$(printf 'a\314\201\314\202')"
t_grep "  the long note is there whole" "$h" "$long"
t_grep "  and may break anywhere (that word only)" "$h" '<td dir="auto" class="u ul">xxxx'
t_grep "  other cells wrap between words" "$h" "overflow-wrap:break-word"
esc=$(printf '\033')
t_no "  no terminal escape in the HTML" "$h" "$esc"
t_no "  no bidi override in the HTML" "$h" "$(printf '\342\200\256')"
t_run "text report of hostile strings" 0 "$VIGIE" report "$SCRATCH/hostile.json" --text --detail
t_no "  no terminal escape in the text" "$SCRATCH/out" "$esc"
t_no "  no bidi override in the text" "$SCRATCH/out" "$(printf '\342\200\256')"
t_grep "  the escape shown as U+FFFD" "$SCRATCH/out" "�[31mrouge�[0m"
w=$(wc -L <"$SCRATCH/out")
if [ "$w" -le 78 ]; then t_ok "  the long note wrapped at 78 columns"; else t_notok "  a line of $w columns"; fi

# The signature section: a real minisign signature of the scorecard.
if command -v minisign >/dev/null 2>&1; then
	minisign -G -W -f -p "$SCRATCH/test.pub" -s "$SCRATCH/test.key" >/dev/null 2>&1
	minisign -S -W -s "$SCRATCH/test.key" -m "$sc" \
		-t "$(printf 'signer:Secrétariat de mairie\ttime:2025-11-29T05:00:00Z\ttool:vigie')" \
		>/dev/null 2>&1 </dev/null
	# minisign prints the key id without leading zeros; vigie always shows 16 digits.
	keyid=$(head -n 1 "$SCRATCH/test.pub" | sed 's/.*minisign public key //')
	keyid=$(printf '%016s' "$keyid" | tr ' ' 0)
	t_run "report of a signed scorecard" 0 "$VIGIE" report "$sc" --text
	t_grep "  shows the key id as minisign does ($keyid)" "$SCRATCH/out" "Identifiant de clé : $keyid"
	t_grep "  shows the signer" "$SCRATCH/out" "Signataire : Secrétariat de mairie"
	t_grep "  says it did not verify" "$SCRATCH/out" "vérifiez avec vigie verify ou"
	t_run "  HTML of a signed scorecard" 0 "$VIGIE" report "$sc" --html "$SCRATCH/signed.html"
	t_grep "  shows the key id" "$SCRATCH/signed.html" "$keyid"
	printf 'not a signature\n' >"$sc.minisig"
	t_run "a broken .minisig is reported, not fatal" 0 "$VIGIE" report "$sc" --text
	t_grep "  with a warning" "$SCRATCH/err" "saint-exemple.json.minisig : ligne 2"
	rm -f "$sc.minisig"
else
	t_notok "minisign is not installed (scripts/packages/test-report.txt)"
fi

# compare: each kind of change.
cat >"$SCRATCH/better.yaml" <<'EOT'
format: vigie-answers/1
questionnaire: decouverte
organisation:
  name: "Mairie de Saint-Exemple"
  insee: "01999"
  contact: "secretariat@example.fr"
answers:
  ctx.serveur: oui
  sauvegardes.hors_ligne: oui
  sauvegardes.restauration: chaque_annee
  comptes.nominatifs: oui
  comptes.admin_separe: oui
  comptes.double_authentification: tous
  mises_a_jour.postes: partiel
  mises_a_jour.serveur: oui
EOT
SOURCE_DATE_EPOCH=1795926000 "$VIGIE" score -q decouverte --answers "$SCRATCH/better.yaml" \
	--out "$SCRATCH/better.json" --no-host >/dev/null # a year later
t_run "compare old and new" 0 "$VIGIE" compare "$sc" "$SCRATCH/better.json"
cp "$SCRATCH/out" "$SCRATCH/compare-up.txt"
t_same "  is the golden compare-up.fr.txt" "$SCRATCH/compare-up.txt" "$data/report/compare-up.fr.txt"
t_grep "  grade up" "$SCRATCH/out" "Note : D (31,6) -> A (90,8)"
t_grep "  an answer rose" "$SCRATCH/out" "Parfois, sans régularité (1) -> Oui, chaque semaine"
t_grep "  an answer fell" "$SCRATCH/out" "Oui, sur tous les postes (3) -> "
t_grep "  a domain score changed" "$SCRATCH/out" "Comptes et accès : 21,4 -> 100,0 (+78,6)"
t_run "compare new and old" 0 "$VIGIE" compare "$SCRATCH/better.json" "$sc"
t_grep "  grade down" "$SCRATCH/out" "-> D (31,6)"
t_run "compare a scorecard with itself" 0 "$VIGIE" compare "$sc" "$sc"
t_grep "  nothing rose" "$SCRATCH/out" "(aucun)"
t_grep "  domain unchanged" "$SCRATCH/out" "21,4 -> 21,4 (=)"

# Findings new and fixed: scorecards with evidence, written by hand from the real one.
ev_fail='"evidence": [ { "cap": 1, "id": "tls.site_web", "informs": ["mises_a_jour.serveur"], "reason": {"en": "The web site accepts TLS 1.0", "fr": "Le site accepte TLS 1.0"}, "status": "fail" }, { "cap": null, "id": "perms.partage", "informs": [], "reason": null, "status": "pass" } ],'
ev_pass='"evidence": [ { "cap": null, "id": "tls.site_web", "informs": ["mises_a_jour.serveur"], "reason": {"en": "TLS 1.2 and 1.3 only", "fr": "TLS 1.2 et 1.3 seulement"}, "status": "pass" }, { "cap": 0, "id": "perms.partage", "informs": [], "reason": {"en": "World-writable share", "fr": "Partage modifiable par tous"}, "status": "fail" } ],'
sed "s|\"evidence\": \[\],|$ev_fail|" "$sc" >"$SCRATCH/ev-old.json"
sed "s|\"evidence\": \[\],|$ev_pass|" "$sc" >"$SCRATCH/ev-new.json"
t_run "compare findings" 0 "$VIGIE" compare "$SCRATCH/ev-old.json" "$SCRATCH/ev-new.json"
t_grep "  a new finding" "$SCRATCH/out" "perms.partage : conforme -> non conforme"
t_grep "  a fixed finding" "$SCRATCH/out" "tls.site_web : non conforme -> conforme"
t_grep "  in plain words" "$SCRATCH/out" "Partage modifiable par tous"
t_grep "  a fixed finding told by what was wrong" "$SCRATCH/out" "Le site accepte TLS 1.0"
t_run "report shows findings in plain words" 0 "$VIGIE" report "$SCRATCH/ev-old.json" --text
t_grep "  counted" "$SCRATCH/out" "2 vérifications automatiques : 1 conforme, 1 non conforme."
t_grep "  the failed check in words" "$SCRATCH/out" "[non conforme] Le site accepte TLS 1.0"
t_grep "  and the question it informs" "$SCRATCH/out" "Question : Le serveur ou le NAS reçoit-il ses mises à jour ?"
t_no "  without its id" "$SCRATCH/out" "tls.site_web"
t_run "report --detail lists every check" 0 "$VIGIE" report "$SCRATCH/ev-old.json" --text --detail
t_grep "  with its id" "$SCRATCH/out" "[non conforme] tls.site_web"
t_grep "  and the passed one" "$SCRATCH/out" "[conforme] perms.partage"

# A value that fell because a check caps it, the answer unchanged, and rose when the cap
# went.
jq '.answers["mises_a_jour.postes"].retained = 1 | .answers["mises_a_jour.postes"].capped_by = "maj.windows"' \
	"$sc" >"$SCRATCH/capped.json"
t_run "compare: a drop from a check" 0 "$VIGIE" compare "$sc" "$SCRATCH/capped.json"
t_grep "  the answer fell" "$SCRATCH/out" "Oui, sur tous les postes (3) -> Oui, sur tous les postes (1)"
t_grep "  because of the check" "$SCRATCH/out" "(réponse inchangée : la vérification maj.windows plafonne la valeur)"
t_run "compare: the cap gone" 0 "$VIGIE" --lang en compare "$SCRATCH/capped.json" "$sc"
t_grep "  says the check no longer caps" "$SCRATCH/out" "(same answer: the check maj.windows no longer caps the value)"
t_run "compare: a changed answer" 0 "$VIGIE" compare "$sc" "$SCRATCH/better.json"
t_no "  is no check's doing" "$SCRATCH/out" "réponse inchangée"

# Refusals.
sed 's/"insee": "01999"/"insee": "75056"/' "$sc" >"$SCRATCH/paris.json"
t_run "compare refuses two organisations (INSEE)" 1 "$VIGIE" compare "$sc" "$SCRATCH/paris.json"
t_grep "  saying why" "$SCRATCH/err" "collectivités différentes : code INSEE 01999 et 75056 ; --force"
t_run "compare refuses two organisations, in English" 1 "$VIGIE" --lang en compare "$sc" "$SCRATCH/paris.json"
t_grep "  saying why" "$SCRATCH/err" "different organisations: INSEE code 01999 and 75056; use --force"
t_empty "  and prints nothing" "$SCRATCH/out"
sed 's/"name": "Mairie de Saint-Exemple"/"name": "Mairie de Trifouilly"/' "$sc" >"$SCRATCH/other-name.json"
t_run "compare refuses two organisations (name)" 1 "$VIGIE" compare "$sc" "$SCRATCH/other-name.json"
t_grep "  saying why" "$SCRATCH/err" "collectivités différentes : « Mairie de Saint-Exemple » et « Mairie de Trifouilly »"
sed 's/"id": "decouverte"/"id": "communes"/' "$sc" >"$SCRATCH/other-qid.json"
t_run "compare refuses two questionnaires" 1 "$VIGIE" compare "$sc" "$SCRATCH/other-qid.json"
t_grep "  saying why" "$SCRATCH/err" "questionnaires différents : « decouverte » et « communes »"
t_run "compare --force compares them anyway" 0 "$VIGIE" compare --force "$sc" "$SCRATCH/paris.json"
t_run "report --previous refuses another organisation" 1 "$VIGIE" report "$sc" --previous "$SCRATCH/paris.json"
t_grep "  saying why" "$SCRATCH/err" "collectivités différentes"

# Progress in the HTML report.
t_run "report --previous" 0 "$VIGIE" report "$SCRATCH/better.json" --previous "$sc" --html "$SCRATCH/progress.html"
p=$SCRATCH/progress.html
t_grep "  before/after bars" "$p" "Barre grise&#160;: bilan précédent&#160;; barre colorée&#160;: ce bilan."
t_grep "  previous radar dashed" "$p" 'stroke-dasharray="6 4"'
t_grep "  previous grade" "$p" "Bilan précédent&#160;: D (31,6 / 100)"
t_grep "  answers that rose" "$p" "Réponses en progrès"
t_grep "  previous radar drawn over this one" "$p" 'stroke="#1b1b1b" stroke-width="2" stroke-dasharray="6 4"'
t_run "report --previous --detail" 0 "$VIGIE" report "$SCRATCH/better.json" --previous "$sc" --detail --html "$p"
t_grep "  previous column in the table" "$p" '<th scope="col" class="n">Bilan précédent</th>'
t_run "text report --previous" 0 "$VIGIE" report "$SCRATCH/better.json" --previous "$sc" --text
t_grep "  progress section" "$SCRATCH/out" "ÉVOLUTION DEPUIS LE BILAN PRÉCÉDENT"
t_grep "  before in the bars" "$SCRATCH/out" "(avant 21,4)"

# The list of priority measures is titled by how many it has: one gap, then three.
cat >"$SCRATCH/one-gap.yaml" <<'EOF2'
format: vigie-answers/1
questionnaire: decouverte
answers:
  ctx.serveur: oui
  sauvegardes.hors_ligne: oui
  sauvegardes.restauration: chaque_annee
  comptes.nominatifs: oui
  comptes.admin_separe: oui
  comptes.double_authentification: tous
  mises_a_jour.postes: oui
  mises_a_jour.serveur: non
EOF2
sed -e 's/hors_ligne: oui/hors_ligne: parfois/' -e 's/nominatifs: oui/nominatifs: partiel/' \
	"$SCRATCH/one-gap.yaml" >"$SCRATCH/three-gaps.yaml"
score "$SCRATCH/one-gap.yaml" "$SCRATCH/one-gap.json"
score "$SCRATCH/three-gaps.yaml" "$SCRATCH/three-gaps.json"
t_run "text report of one gap" 0 "$VIGIE" report "$SCRATCH/one-gap.json" --text
t_grep "  titled in the singular" "$SCRATCH/out" "LA MESURE PRIORITAIRE"
t_no "  not as six" "$SCRATCH/out" "SIX MESURES"
t_grep "  no 'six' for the quick wins either" "$SCRATCH/out" "Aucun en dehors des mesures prioritaires."
t_run "HTML report of one gap" 0 "$VIGIE" report "$SCRATCH/one-gap.json" --html "$SCRATCH/one.html"
t_grep "  titled in the singular" "$SCRATCH/one.html" '<h2 id="s-plan">La mesure prioritaire</h2>'
t_run "English text report of one gap" 0 "$VIGIE" report --lang en "$SCRATCH/one-gap.json" --text
t_grep "  titled in the singular" "$SCRATCH/out" "THE PRIORITY MEASURE"
t_run "text report of three gaps" 0 "$VIGIE" report "$SCRATCH/three-gaps.json" --text
t_grep "  titled by its count" "$SCRATCH/out" "LES TROIS MESURES PRIORITAIRES"
t_run "English HTML report of three gaps" 0 "$VIGIE" report --lang en "$SCRATCH/three-gaps.json" --html "$SCRATCH/three.html"
t_grep "  titled by its count" "$SCRATCH/three.html" '<h2 id="s-plan">The three priority measures</h2>'

# Errors and usage.
t_run "report without a scorecard is a usage error" 2 "$VIGIE" report
t_run "report --text --html together is a usage error" 2 "$VIGIE" report "$sc" --text --html x.html
t_run "report --lang xx is a usage error" 2 "$VIGIE" report "$sc" --lang xx
t_run "compare with one scorecard is a usage error" 2 "$VIGIE" compare "$sc"
t_run "report of a missing file" 1 "$VIGIE" report "$SCRATCH/absent.json"
t_grep "  says so" "$SCRATCH/err" "absent.json : impossible d'ouvrir"
t_run "report of a bad scorecard" 1 "$VIGIE" report "$data/scorecard/bad-grade-letter.json"
# A file that is not JSON says where and what, in words and in the user's language.
printf '{"format": "vigie-scorecard/1.1",\n "grade": }\n' >"$SCRATCH/broken.json"
t_run "report of a broken JSON file" 1 "$VIGIE" report "$SCRATCH/broken.json"
t_grep "  says where and what, in French" "$SCRATCH/err" \
	"broken.json : fiche de résultat, ligne 2, colonne 11 : JSON invalide : élément inattendu, près de « } » ; ce n'est pas une fiche exportée par vigie"
t_run "report of a broken JSON file, in English" 1 "$VIGIE" report --lang en "$SCRATCH/broken.json"
t_grep "  says where and what, in English" "$SCRATCH/err" \
	"broken.json: scorecard, line 2, column 11: invalid JSON: unexpected token, near '}'; this is not a scorecard exported by vigie"
t_run "report into a missing directory" 1 "$VIGIE" report "$sc" --html "$SCRATCH/no/such/dir/r.html"
t_done
