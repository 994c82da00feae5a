#!/bin/sh
# vigie summary and history on a real store: latest grade and trend per organisation,
# domain averages, common gaps, filters, CSV (RFC 4180, formulas neutralised), HTML escaped.
set -u
. "$2/tests/lib.sh"
. "$SRC/tests/store_lib.sh"
T=$SCRATCH
DB=$T/store.db

"$VIGIE" keygen --out "$T/k" >/dev/null 2>&1 || { echo "keygen failed"; exit 1; }

# card NAME DATE INSEE ORGNAME ANSWERS...: a signed decouverte scorecard generated at DATE.
card() {
	name=$1 date=$2 insee=$3 org=$4
	shift 4
	{
		printf 'format: vigie-answers/1\nquestionnaire: decouverte\norganisation:\n'
		printf '  name: %s\n  insee: "%s"\n  contact: "mairie@example.fr"\nanswers:\n' "$org" "$insee"
		printf '  ctx.serveur: oui\n'
		for a; do printf '  %s\n' "$a"; done
	} >"$T/$name.yaml"
	SOURCE_DATE_EPOCH=$(date -u -d "$date" +%s) "$VIGIE" score -q decouverte -a "$T/$name.yaml" \
		--no-host --out "$T/cards/$name.json" >/dev/null || echo "score $name failed"
}
mkdir -p "$T/cards"
weak="sauvegardes.hors_ligne: non|sauvegardes.restauration: jamais|comptes.nominatifs: non|comptes.admin_separe: non|comptes.double_authentification: non|mises_a_jour.postes: non|mises_a_jour.serveur: non"
strong="sauvegardes.hors_ligne: oui|sauvegardes.restauration: chaque_annee|comptes.nominatifs: oui|comptes.admin_separe: oui|comptes.double_authentification: tous|mises_a_jour.postes: oui|mises_a_jour.serveur: oui"
mid="sauvegardes.hors_ligne: parfois|sauvegardes.restauration: une_fois|comptes.nominatifs: partiel|comptes.admin_separe: non|comptes.double_authentification: certains|mises_a_jour.postes: partiel|mises_a_jour.serveur: non"
IFS='|'
card aval-1 2025-01-10T09:00:00Z 01001 '"Mairie d'"'"'Aval"' $weak
card aval-2 2025-06-10T09:00:00Z 01001 '"Mairie d'"'"'Aval"' $strong
card formula 2025-03-01T09:00:00Z 01002 "'=HYPERLINK(\"http://evil.example\",\"x\")'" $mid
card comma-1 2025-02-01T09:00:00Z 38185 '"Saint-Jean, \"le Haut\""' $strong
card comma-2 2025-07-01T09:00:00Z 38185 '"Saint-Jean, \"le Haut\""' $mid
card script 2025-04-01T09:00:00Z 2A004 '"<script>alert(1)</script> Ajaccio"' $mid
unset IFS
# One communes scorecard, for --questionnaire.
cat >"$T/communes.yaml" <<'EOF'
format: vigie-answers/1
questionnaire: communes
organisation: {name: "Commune Grande", insee: "01003", contact: "c@example.fr"}
answers:
  ctx.type: commune
EOF
SOURCE_DATE_EPOCH=$(date -u -d 2025-05-01T09:00:00Z +%s) "$VIGIE" score -q communes \
	-a "$T/communes.yaml" --no-host --out "$T/cards/communes.json" >/dev/null || echo "score communes failed"
store_sign "$T/k.key" "$T"/cards/*.json
t_run "collect the fixtures" 0 "$VIGIE" collect --db "$DB" --pubkey "$T/k.pub" "$T/cards"
t_grep "7 imported" "$SCRATCH/out" "7 fichiers : 7 importés"

t_run "summary as text" 0 "$VIGIE" --lang en summary --db "$DB"
cp "$SCRATCH/out" "$T/text.out"
t_grep "counts" "$T/text.out" "Scorecards: 7, organisations: 5"
t_grep "Aval improved: up arrow, delta, previous grade" "$T/text.out" "↑ +"
t_grep "Saint-Jean went down" "$T/text.out" "↓ -"
t_grep "single scorecard is new" "$T/text.out" "new"
t_grep "domain averages" "$T/text.out" "Average per domain"
t_grep "a domain" "$T/text.out" "Backups"
t_grep "common gaps" "$T/text.out" "Most common gaps among the priority measures"
aval=$(grep '^01001' "$T/text.out")
case $aval in
*"Mairie d'Aval"*2025-06-10*A*) t_ok "Aval row shows the latest scorecard: $aval" ;;
*) t_notok "Aval row: $aval" ;;
esac
t_run "summary in French by default" 0 env -u LANG -u LC_ALL -u LANGUAGE -u VIGIE_LANG \
	"$VIGIE" summary --db "$DB"
t_grep "French header" "$SCRATCH/out" "Évaluations : 7"

# Filters.
t_run "--insee 01" 0 "$VIGIE" --lang en summary --db "$DB" --insee 01
t_grep "--insee 01 keeps 3 organisations" "$SCRATCH/out" "organisations: 3"
t_run "--insee 2A" 0 "$VIGIE" --lang en summary --db "$DB" --insee 2A
t_grep "--insee 2A keeps Corsica" "$SCRATCH/out" "organisations: 1"
t_run "--questionnaire communes" 0 "$VIGIE" --lang en summary --db "$DB" --questionnaire communes
t_grep "one communes scorecard" "$SCRATCH/out" "Scorecards: 1, organisations: 1"
t_grep "it is Commune Grande" "$SCRATCH/out" "Commune Grande"
t_run "--since 2025-06-01" 0 "$VIGIE" --lang en summary --db "$DB" --since 2025-06-01
t_grep "--since keeps 2 scorecards" "$SCRATCH/out" "Scorecards: 2, organisations: 2"
t_run "--until 2025-01-31" 0 "$VIGIE" --lang en summary --db "$DB" --until 2025-01-31
t_grep "--until keeps Aval's first" "$SCRATCH/out" "Scorecards: 1, organisations: 1"
t_grep "... with its old grade, and no trend" "$SCRATCH/out" "new"
t_run "--since/--until together, both ends included" 0 "$VIGIE" --lang en summary --db "$DB" \
	--since 2025-02-01 --until 2025-04-01
t_grep "3 scorecards between" "$SCRATCH/out" "Scorecards: 3, organisations: 3"
t_run "a bad date is a usage error" 2 "$VIGIE" summary --db "$DB" --since 2025-02-30
t_run "a bad INSEE prefix is a usage error" 2 "$VIGIE" summary --db "$DB" --insee "01%"
t_run "--csv and --html together" 2 "$VIGIE" summary --db "$DB" --csv a --html b

# CSV.
t_run "summary --csv" 0 "$VIGIE" summary --db "$DB" --csv "$T/s.csv"
t_empty "--csv prints nothing" "$SCRATCH/out"
head -1 "$T/s.csv" | grep -q "^insee,name,date,grade,score,previous_grade,previous_score,delta,trend,scorecards,questionnaire,signer$(printf '\r')$" &&
	t_ok "CSV header, CRLF" || t_notok "CSV header: $(head -1 "$T/s.csv")"
lines=$(wc -l <"$T/s.csv")
[ "$lines" -eq 6 ] && t_ok "CSV: header and 5 rows" || t_notok "CSV has $lines lines"
t_grep "CSV: comma and quotes quoted" "$T/s.csv" '38185,"Saint-Jean, ""le Haut""",2025-07-01T09:00:00Z'
t_grep "CSV: formula neutralised and quoted" "$T/s.csv" \
	'01002,"'"'"'=HYPERLINK(""http://evil.example"",""x"")",'
if grep -q ',=HYPERLINK\|^=\|,"=HYPERLINK' "$T/s.csv"; then
	t_notok "CSV: a cell starts with =" "$(cat "$T/s.csv")"
else
	t_ok "CSV: no cell starts with ="
fi
t_grep "CSV: trend as a word, delta as a number" "$T/s.csv" ",up,2,decouverte"
t_grep "CSV: down for Saint-Jean" "$T/s.csv" ",down,2,decouverte"
# Python's csv module (RFC 4180) reads it back field by field, when present.
if command -v python3 >/dev/null 2>&1; then
	got=$(python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len(rows), len(set(len(r) for r in rows)), [r[1] for r in rows if r[0] == "38185"][0])' "$T/s.csv")
	[ "$got" = '6 1 Saint-Jean, "le Haut"' ] && t_ok "CSV parses back: $got" || t_notok "CSV parses back: $got"
fi

# French spreadsheets (issue 16, point 6): --csv-sep ';', decimal comma, same cells.
t_run "--csv-sep needs --csv" 2 "$VIGIE" summary --db "$DB" --csv-sep ';'
t_run "--csv-sep takes , or ;" 2 "$VIGIE" summary --db "$DB" --csv "$T/x.csv" --csv-sep '|'
t_run "summary --csv --csv-sep ';'" 0 "$VIGIE" summary --db "$DB" --csv "$T/fr.csv" --csv-sep ';'
head -1 "$T/fr.csv" | grep -q "^insee;name;date;grade;score;previous_grade;previous_score;delta;trend;scorecards;questionnaire;signer$(printf '\r')$" &&
	t_ok "French CSV header" || t_notok "French CSV header: $(head -1 "$T/fr.csv")"
if grep -q '[0-9]\.[0-9][0-9];' "$T/fr.csv"; then
	t_notok "French CSV: a decimal point" "$(cat "$T/fr.csv")"
else
	t_ok "French CSV: decimal commas"
fi
t_grep "French CSV: a name with a comma still quoted" "$T/fr.csv" '38185;"Saint-Jean, ""le Haut""";'
if command -v python3 >/dev/null 2>&1; then
	got=$(python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), delimiter=";"))
print(len(rows), len(set(len(r) for r in rows)), len(rows[0]))' "$T/fr.csv")
	[ "$got" = '6 1 12' ] && t_ok "French CSV parses back: $got" || t_notok "French CSV parses back: $got"
fi

# HTML.
t_run "summary --html" 0 "$VIGIE" summary --db "$DB" --html "$T/s.html"
t_grep "HTML: doctype" "$T/s.html" "<!DOCTYPE html>"
t_grep "HTML: French no-break spaces" "$T/s.html" "A&#160;: 1&#160;;"
t_grep "HTML: name escaped" "$T/s.html" '<span class="w">&lt;script&gt;alert(1)&lt;/script&gt;</span> <span class="w">Ajaccio</span>'
if grep -q "<script" "$T/s.html"; then t_notok "HTML: raw <script> in the page"; else t_ok "HTML: no raw <script>"; fi
if grep -q -i -e 'src=' -e 'href=' -e '<link' "$T/s.html"; then
	t_notok "HTML: refers to an external resource"
else
	t_ok "HTML: self-contained"
fi

# History.
t_run "history by INSEE code" 0 "$VIGIE" --lang en history --db "$DB" 01001
t_grep "two scorecards" "$SCRATCH/out" "(2 scorecards)"
first=$(grep -n '^2025-01-10' "$SCRATCH/out" | cut -d: -f1)
second=$(grep -n '^2025-06-10' "$SCRATCH/out" | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] && t_ok "oldest first" ||
	t_notok "order" "$(cat "$SCRATCH/out")"
t_grep "questionnaire and version" "$SCRATCH/out" "decouverte 1."
t_grep "signer" "$SCRATCH/out" "Mairie d'Aval (minisig)"
t_run "history by name, any case" 0 "$VIGIE" --lang en history --db "$DB" "mairie d'aval"
t_grep "same two" "$SCRATCH/out" "(2 scorecards)"
t_run "history by a piece of the name" 0 "$VIGIE" --lang en history --db "$DB" "AVAL"
t_grep "  finds Aval" "$SCRATCH/out" "(2 scorecards)"
t_run "history by a name without its punctuation" 0 "$VIGIE" --lang en history --db "$DB" "saint jean le haut"
t_grep "  finds Saint-Jean" "$SCRATCH/out" "38185"
t_run "history of a piece several names hold" 1 "$VIGIE" --lang en history --db "$DB" "ai"
t_grep "  says so" "$SCRATCH/err" "organisations fit 'ai'; give one INSEE code"
t_grep "  and lists them" "$SCRATCH/err" "01001  Mairie d'Aval"
t_grep "  Saint-Jean among them" "$SCRATCH/err" "38185  Saint-Jean"
t_empty "  and prints no history" "$SCRATCH/out"
t_run "history --html" 0 "$VIGIE" history --db "$DB" --html "$T/h.html" 01001
t_grep "  a trend chart" "$T/h.html" 'aria-labelledby="trend-t trend-d"'
t_grep "  a dot in the colour of the A grade" "$T/h.html" 'fill="#1a7f37" stroke="#1b1b1b"'
t_grep "  dates in words" "$T/h.html" "10 juin 2025"
t_run "history of an unknown organisation" 1 "$VIGIE" history --db "$DB" 99999
t_grep "says there is none" "$SCRATCH/err" "aucune fiche de '99999'"
t_run "history needs ORG" 2 "$VIGIE" history --db "$DB"
t_done
