# Writes N answers files (docs/answers-format.md) for questionnaire qid (default communes) into
# DIR/aNNNNN.yaml, each with different answers: ORGS organisations (INSEE codes 01001...)
# answer in turn, so each has about N/ORGS scorecards. Question and option ids come from
# the questionnaire itself (FILENAME), read line by line: its layout is regular.
# Usage: awk -v n=10000 -v orgs=2500 -v dir=DIR [-v qid=ID] -f answers.awk questionnaires/ID.yaml
/^  - id: ctx\./ { q = $3; nq++; qs[nq] = q; nopt[nq] = 0; next }
/^      - id: [a-z0-9_]+\.[a-z0-9_.]+$/ { q = $3; nq++; qs[nq] = q; nopt[nq] = 0; next }
/^      - \{id: / || /^          - id: / {
	s = $0
	sub(/^ *- \{?id: */, "", s)
	sub(/[,}].*$/, "", s)
	gsub(/"/, "", s)
	nopt[nq]++
	opt[nq, nopt[nq]] = s
	next
}
END {
	srand(42)
	for (i = 1; i <= n; i++) {
		org = (i - 1) % orgs
		f = sprintf("%s/a%05d.yaml", dir, i)
		printf "format: vigie-answers/1\nquestionnaire: %s\n", (qid == "" ? "communes" : qid) > f
		printf "organisation:\n  name: \"Commune n°%d\"\n  insee: \"%02d%03d\"\n", org, 1 + int(org / 900), 1 + org % 900 > f
		printf "  contact: \"mairie%d@example.fr\"\nanswers:\n", org > f
		for (k = 1; k <= nq; k++) {
			if (nopt[k] == 0)
				continue
			r = rand()
			if (qs[k] !~ /^ctx\./ && r < 0.05)
				a = "nsp"
			else if (qs[k] !~ /^ctx\./ && r < 0.10)
				continue
			else
				a = opt[k, 1 + int(rand() * nopt[k])]
			printf "  %s: \"%s\"\n", qs[k], a > f
		}
		close(f)
	}
}
