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
# E: 21.45/100. Every domain is below 35: nothing is offline, nobody has been trained,
# nothing is written down for a crisis. What the provider does (antivirus, Windows
# updates, an inventory, a nightly copy) is not enough to lift it.
t_eq "  grade E" "$(jq -r '.grade' "$SCRATCH/out")" E
t_eq "  21.45/100" "$(jq -r '.scores.overall' "$SCRATCH/out")" 21.45
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
# 4. incidents.contacts_urgence: nobody knows whom to call when it happens (provider,
#    17Cyber, regional CSIRT, gendarmerie, insurer — a complaint within 72 hours for the
#    insurer to pay); a one-page sheet on paper takes an hour and saves the first day.
# 5. comptes.mfa_messagerie: consumer mailboxes without a second factor; a guessed or
#    phished password gives the attacker the mairie's correspondence, its contacts and
#    the means of a fake-supplier fraud.
# 6. gouvernance.elu_referent: the first deputy "takes care of it" informally; the
#    ANSSI/AMF guide's first project — an elected official in charge, a named contact —
#    is what makes every other measure happen.
cat >"$SCRATCH/want" <<'EOT'
sauvegardes.hors_ligne
comptes.mfa_acces_distant
mises_a_jour.postes
incidents.contacts_urgence
comptes.mfa_messagerie
gouvernance.elu_referent
EOT
if cmp -s "$SCRATCH/want" "$SCRATCH/six"; then
	t_ok "the six priority measures a consultant would give"
else
	t_notok "the six priority measures differ" "want: $(tr '\n' ' ' <"$SCRATCH/want")" \
		"got:  $(tr '\n' ' ' <"$SCRATCH/six")"
fi
# "Never checked" whether remote access is open to the internet comes just after them,
# then the clerk's administrator rights (user rights before separate admin accounts).
t_eq "  then checking what is open to the internet" "$(jq -r '.action_plan[6].question' "$SCRATCH/out")" \
	reseau.bureau_distance_expose
t_eq "  then everyday accounts without admin rights" "$(jq -r '.action_plan[7].question' "$SCRATCH/out")" \
	postes.droits_utilisateurs
t_eq "  before separate admin accounts" "$(jq -r '.action_plan[8].question' "$SCRATCH/out")" \
	comptes.admin_separes
# "Never checked" scores as "je ne sais pas", not better.
never=$(jq -r '.answers["reseau.bureau_distance_expose"].retained' "$SCRATCH/out")
t_eq "  'never checked' retains 0" "$never" 0

sed 's/^  reseau.bureau_distance_expose: suppose$/  reseau.bureau_distance_expose: expose/' \
	"$answers" >"$SCRATCH/expose.yaml"
t_run "the same commune with remote desktop open to the internet" 0 "$VIGIE" score \
	-q communes --answers "$SCRATCH/expose.yaml" --json
t_eq "  the exposure is a critical gap" "$(jq -r '.action_plan[6] | "\(.question) \(.gap)"' "$SCRATCH/out")" \
	"reseau.bureau_distance_expose 3"
# A typical commune: the same, without a server or remote work. Remote access questions
# are not asked; the plan still starts with the offline backup, and the four ANSSI/AMF
# projects (officials and awareness, knowing the IT, contracts, crisis) all show among
# its first ten measures.
sed -e 's/^  ctx.teletravail: .*$/  ctx.teletravail: non/' "$answers" >"$SCRATCH/typique.yaml"
t_run "a typical commune (no server, no remote work)" 0 "$VIGIE" score -q communes \
	--answers "$SCRATCH/typique.yaml" --json
t_eq "  remote desktop exposure is not asked" \
	"$(jq -r '.answers["reseau.bureau_distance_expose"].status' "$SCRATCH/out")" not_applies
t_eq "  the plan starts with the offline backup" "$(jq -r '.action_plan[0].question' "$SCRATCH/out")" \
	sauvegardes.hors_ligne
jq -r '.action_plan[:10][] | .question' "$SCRATCH/out" >"$SCRATCH/ten"
for p in 1 2 3 4; do
	hit=
	for qid in $(cat "$SCRATCH/ten"); do
		if awk -v id="$qid" -v ref="anssi-amf:$p" '
			$0 ~ "^      - id: " id "$" { inq = 1; next }
			/^      - id: / { inq = 0 }
			inq && /^        refs: / && index($0, ref) { found = 1 }
			END { exit !found }' "$SRC/questionnaires/communes.yaml"; then
			hit=$qid
			break
		fi
	done
	if [ -n "$hit" ]; then
		t_ok "  ANSSI/AMF project $p among the first ten measures ($hit)"
	else
		t_notok "  ANSSI/AMF project $p is not among the first ten measures" "$(tr '\n' ' ' <"$SCRATCH/ten")"
	fi
done

# Where everything is online at the publisher, the offline copy is the provider's
# business: the question is not asked, and cannot cap the grade.
sed 's/^  ctx.donnees: .*$/  ctx.donnees: en_ligne/' "$answers" >"$SCRATCH/en_ligne.yaml"
t_run "a commune whose data are all online" 0 "$VIGIE" score -q communes \
	--answers "$SCRATCH/en_ligne.yaml" --json
t_eq "  offline backups are not asked" \
	"$(jq -r '.answers["sauvegardes.hors_ligne"].status' "$SCRATCH/out")" not_applies

t_run "the text report" 0 "$VIGIE" score -q communes --answers "$answers"
t_grep "  gives the grade" "$SCRATCH/out" "Note : E (21,4/100)"
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
