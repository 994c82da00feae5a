# vigie validate and vigie score on real files: the bad-input corpus, hostile files,
# exit codes, help.
. "$2/tests/lib.sh"
data=$SRC/tests/data

for f in "$data"/questionnaire/bad/*.yaml "$data"/answers/bad/*.yaml; do
	expect=$(head -n 1 "$f" | sed 's/^# expect: //')
	t_run "refuses $(basename "$f")" 1 "$VIGIE" validate -q "$data/questionnaire/good/minimal.yaml" "$f"
	t_grep "  at its position" "$SCRATCH/err" "$f:${expect%%: *}: "
	t_grep "  with its reason" "$SCRATCH/err" "${expect#*: }"
	t_empty "  and prints nothing on stdout" "$SCRATCH/out"
done

for f in "$SRC"/questionnaires/*.yaml "$data"/questionnaire/good/*.yaml; do
	t_run "accepts $(basename "$f")" 0 "$VIGIE" validate "$f"
	t_grep "  says OK" "$SCRATCH/out" "$f: OK (questionnaire"
done

# Counts in the singular when there is one.
t_run "validate decouverte" 0 "$VIGIE" validate "$SRC/questionnaires/decouverte.yaml"
t_grep "  one context question, in the singular" "$SCRATCH/out" ": 1 question de contexte, 3 thèmes, 7 questions)"

# A refusal in the language of the rule: French by default, English with --lang en.
t_run "a refusal in English with --lang en" 1 "$VIGIE" --lang en validate "$data/questionnaire/bad/missing-help.yaml"
t_grep "  the same position, in English" "$SCRATCH/err" "missing-help.yaml:10:9: a question lacks the required key 'help'"

# Hostile files generated here (too large to keep in the repository).
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }' \
	>"$SCRATCH/deep.yaml"
t_run "refuses a 10,000-level nested file" 1 "$VIGIE" validate "$SCRATCH/deep.yaml"
t_grep "  at the 33rd level" "$SCRATCH/err" "deep.yaml:1:33: imbrication de plus de 32 niveaux"

awk 'BEGIN { print "a0: &a0 [x, x, x, x, x, x, x, x, x, x]";
	for (i = 1; i < 30; i++) { printf "a%d: &a%d [", i, i;
		for (j = 0; j < 10; j++) printf "*a%d%s", i - 1, j < 9 ? ", " : "";
		print "]" } }' >"$SCRATCH/bomb.yaml"
t_run "refuses an alias bomb" 1 "$VIGIE" validate "$SCRATCH/bomb.yaml"
t_grep "  at the first anchor" "$SCRATCH/err" "bomb.yaml:1:5: ancre '&a0'"

head -c 4194305 /dev/zero | tr '\0' '#' >"$SCRATCH/big.yaml"
t_run "refuses a file over 4 MiB" 1 "$VIGIE" validate "$SCRATCH/big.yaml"
t_grep "  naming the limit" "$SCRATCH/err" "limite de 4194304 octets"

t_run "refuses a directory" 1 "$VIGIE" validate "$SCRATCH"
t_grep "  as not a regular file" "$SCRATCH/err" "pas un fichier ordinaire"
t_run "refuses a missing file" 1 "$VIGIE" validate "$SCRATCH/absent.yaml"
t_grep "  saying why" "$SCRATCH/err" "absent.yaml : impossible d'ouvrir : "
t_run "one bad file among good ones fails the run" 1 "$VIGIE" validate \
	"$data/questionnaire/good/minimal.yaml" "$SCRATCH/deep.yaml"
t_grep "  the good one is still reported" "$SCRATCH/out" "minimal.yaml: OK"

# Usage and help.
t_run "validate without a file is a usage error" 2 "$VIGIE" validate
t_grep "  pointing to --help, in French" "$SCRATCH/err" "Essayez 'vigie validate --help'"
t_grep "  saying what is missing, in French" "$SCRATCH/err" "donnez au moins un fichier à vérifier"
t_run "  in English with --lang en" 2 "$VIGIE" --lang en validate
t_grep "  pointing to --help" "$SCRATCH/err" "Try 'vigie validate --help'"
t_run "  in English with an English LANG" 2 env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u VIGIE_LANG \
	LANG=en_GB.UTF-8 "$VIGIE" validate
t_grep "  pointing to --help" "$SCRATCH/err" "Try 'vigie validate --help'"
t_run "  in French under C.UTF-8" 2 env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u VIGIE_LANG \
	LANG=C.UTF-8 "$VIGIE" validate
t_grep "  pointing to --help" "$SCRATCH/err" "Essayez 'vigie validate --help'"
t_run "an unknown option is a usage error" 2 "$VIGIE" validate --frobnicate x
t_run "an unknown command is a usage error" 2 "$VIGIE" frobnicate
t_run "vigie --lang de is a usage error" 2 "$VIGIE" --lang de
t_grep "  named as vigie's own option" "$SCRATCH/err" "vigie: --lang prend fr ou en, pas 'de'"
t_grep "  pointing to vigie --help" "$SCRATCH/err" "Essayez 'vigie --help'."
t_run "  in English after --lang en" 2 "$VIGIE" --lang en --lang de
t_grep "  in English" "$SCRATCH/err" "Try 'vigie --help'."
t_run "vigie --help" 0 "$VIGIE" --help
t_grep "  in French by default" "$SCRATCH/out" "Commandes :"
cmds=$("$VIGIE" --help | awk '/^Commandes :/ { on = 1; next } /^$/ { on = 0 } on { print $1 }')
[ -n "$cmds" ] && t_ok "  lists the commands" || t_notok "  lists no command"
for cmd in $cmds; do
	t_run "vigie $cmd --help" 0 "$VIGIE" "$cmd" --help
	t_grep "  shows its usage in French" "$SCRATCH/out" "Utilisation : vigie $cmd"
	t_run "vigie --lang en $cmd --help" 0 "$VIGIE" --lang en "$cmd" --help
	t_grep "  shows its usage in English" "$SCRATCH/out" "Usage: vigie $cmd"
done
t_run "vigie --version" 0 "$VIGIE" --version
t_grep "  names libyaml" "$SCRATCH/out" "libyaml 0."
for lib in "(git " "jansson 2." "OpenSSL 3." "ncurses 6." "SQLite 3."; do
	t_grep "  names $lib" "$SCRATCH/out" "$lib"
done

# Scoring an answers file.
cp "$SRC/tests/data/answers/un-seul-agent.yaml" "$SCRATCH/answers.yaml"
t_run "scores an answers file" 0 "$VIGIE" score -q decouverte --answers "$SCRATCH/answers.yaml"
# sauvegardes: 0/(3*3+2*2) = 0; comptes: (3*3+3*3)/(3*3+3*3) = 100; mises_a_jour: 3/3 = 100
# overall (0*2 + 100*2 + 100*1)/5 = 60 -> C, and a critical question at 0 caps it at D.
t_grep "  grade D, capped, with a decimal comma" "$SCRATCH/out" "Note : D (60,0/100)"
t_grep "  says why" "$SCRATCH/out" "Plafonnée à D"
t_grep "  first priority measure" "$SCRATCH/out" "1. [sauvegardes.hors_ligne]"
t_grep "  unknown is to clarify" "$SCRATCH/out" "[sauvegardes.restauration]"
t_run "scores in English" 0 "$VIGIE" --lang en score --answers "$SCRATCH/answers.yaml" -q decouverte
t_grep "  English grade line, with a decimal point" "$SCRATCH/out" "Grade: D (60.0/100)"
t_run "validate checks an answers file against -q" 0 "$VIGIE" validate -q decouverte "$SCRATCH/answers.yaml"
t_grep "  and counts answers" "$SCRATCH/out" "OK (réponses à decouverte : 6 sur 6 questions, et 1 sur 1 question de contexte)"
t_run "score without --answers is a usage error" 2 "$VIGIE" score
t_run "score with answers to another questionnaire fails" 1 "$VIGIE" score \
	-q "$data/questionnaire/good/minimal.yaml" --answers "$SCRATCH/answers.yaml"
t_grep "  naming both" "$SCRATCH/err" "ces réponses sont pour le questionnaire 'decouverte', pas 't'"

# A terminal escape in an answers file never reaches the terminal.
printf 'format: vigie-answers/1\nquestionnaire: decouverte\norganisation: {name: "Evil\\e[31mRED"}\nanswers: {}\n' \
	>"$SCRATCH/escape.yaml"
t_run "scores answers holding an escape sequence" 0 "$VIGIE" score -q decouverte -a "$SCRATCH/escape.yaml"
if tr -d '\033' <"$SCRATCH/out" | cmp -s - "$SCRATCH/out"; then
	t_ok "  prints no escape character"
else
	t_notok "  printed an escape character"
fi
t_grep "  shows the rest of the name" "$SCRATCH/out" "[31mRED"

t_done
