# A typical small commune (tests/data/answers/petite-commune.yaml: no server, website at
# a web agency, consumer mailboxes, all IT outsourced, a USB drive always plugged in as
# the only backup) scored on the full questionnaire: its grade and the six priority
# measures a consultant would give it, pinned in order.
. "$2/tests/lib.sh"
answers=$SRC/tests/data/answers/petite-commune.yaml

# t_eq NAME GOT WANT: GOT is exactly WANT.
t_eq() {
	if [ "$2" = "$3" ]; then t_ok "$1"; else t_notok "$1: got '$2', expected '$3'"; fi
}

t_run "scores the petite commune" 0 "$VIGIE" score -q communes --answers "$answers" --json
jq -r '.action_plan[] | select(.priority_measure) | .question' "$SCRATCH/out" >"$SCRATCH/six"
# E: 22.2/100. Every domain is below 30: nothing is offline, nobody has been trained,
# nothing is written down for a crisis. What the provider does (antivirus, Windows
# updates, an inventory, a nightly copy) is not enough to lift it.
t_eq "  grade E" "$(jq -r '.grade' "$SCRATCH/out")" E
t_eq "  22.18/100" "$(jq -r '.scores.overall' "$SCRATCH/out")" 22.18
# NIS2 does not concern a commune of 400 inhabitants: its domain has no score.
t_eq "  no NIS2 score under 30,000 inhabitants" "$(jq -r '.scores.domains.nis2.score' "$SCRATCH/out")" null

# The six priority measures, in order, and why each belongs there:
# 1. sauvegardes.hors_ligne: the only backup is a USB drive that stays plugged in, so
#    ransomware encrypts it with everything else; an unplugged copy is what lets a
#    commune restart without paying. Cheap, this week.
# 2. comptes.mfa_acces_distant: the provider takes control remotely; nobody knows whether
#    a second factor protects that access, and a stolen provider password opens every
#    computer of the mairie.
# 3. mises_a_jour.postes: Windows updates itself but the browser and PDF reader never
#    do; unpatched software is how most malicious attachments get in.
# 4. comptes.mfa_messagerie: consumer mailboxes without a second factor; a guessed or
#    phished password gives the attacker the mairie's correspondence, its contacts and
#    the means of a fake-supplier fraud.
# 5. comptes.admin_separes: the clerk works all day as administrator, so one bad
#    attachment installs whatever it wants.
# 6. incidents.contacts_urgence: nobody knows whom to call when it happens (provider,
#    17Cyber, regional CSIRT, gendarmerie, insurer); a one-page sheet on paper takes an
#    hour and saves the first day of a crisis.
cat >"$SCRATCH/want" <<'EOT'
sauvegardes.hors_ligne
comptes.mfa_acces_distant
mises_a_jour.postes
comptes.mfa_messagerie
comptes.admin_separes
incidents.contacts_urgence
EOT
if cmp -s "$SCRATCH/want" "$SCRATCH/six"; then
	t_ok "the six priority measures a consultant would give"
else
	t_notok "the six priority measures differ" "want: $(tr '\n' ' ' <"$SCRATCH/want")" \
		"got:  $(tr '\n' ' ' <"$SCRATCH/six")"
fi
# "Never checked" whether remote desktop is open to the internet comes just after them;
# an exposed service would come before the contact sheet (next test).
t_eq "  then checking what is open to the internet" "$(jq -r '.action_plan[6].question' "$SCRATCH/out")" \
	reseau.bureau_distance_expose

sed 's/^  reseau.bureau_distance_expose: suppose$/  reseau.bureau_distance_expose: expose/' \
	"$answers" >"$SCRATCH/expose.yaml"
t_run "the same commune with remote desktop open to the internet" 0 "$VIGIE" score \
	-q communes --answers "$SCRATCH/expose.yaml" --json
jq -r '.action_plan[] | select(.priority_measure) | .question' "$SCRATCH/out" >"$SCRATCH/six"
t_grep "  closing it becomes a priority measure" "$SCRATCH/six" "reseau.bureau_distance_expose"
t_eq "  ahead of the contact sheet" "$(jq -r '.action_plan[5].question' "$SCRATCH/out")" \
	reseau.bureau_distance_expose

t_run "the text report" 0 "$VIGIE" score -q communes --answers "$answers"
t_grep "  gives the grade" "$SCRATCH/out" "Note : E (22,2/100)"
t_grep "  starts the plan with the offline backup" "$SCRATCH/out" "1. [sauvegardes.hors_ligne]"
t_grep "  lists what to clarify" "$SCRATCH/out" "[comptes.mfa_acces_distant]"

# The same commune on the express questionnaire: its answers to the express questions
# carry over as they are (same ids, same options).
ids=$(sed -n 's/^ *- id: \([a-z0-9_]*\.[a-z0-9_.]*\)$/\1/p' "$SRC/questionnaires/express.yaml")
{
	echo "format: vigie-answers/1"
	echo "questionnaire: express"
	echo "answers:"
	for id in $ids; do grep "^  $id: " "$answers"; done
} >"$SCRATCH/express.yaml"
t_run "its answers carry over to the express questionnaire" 0 "$VIGIE" score -q express \
	--answers "$SCRATCH/express.yaml" --json
jq -r '.action_plan[] | select(.priority_measure) | .question' "$SCRATCH/out" >"$SCRATCH/six"
if cmp -s "$SCRATCH/want" "$SCRATCH/six"; then
	t_ok "  with the same six priority measures"
else
	t_notok "  the express priority measures differ" "got: $(tr '\n' ' ' <"$SCRATCH/six")"
fi
t_eq "  and grade E" "$(jq -r '.grade' "$SCRATCH/out")" E

t_done
