#!/bin/sh
# vigie check --tls and the tls check kind against the TLS fixture servers of
# tests/tls/fixtures.sh (127.0.0.1 only): a good endpoint passes, bad ones fail with their
# finding codes and cap the question they inform, a closed port is a per-target error, and
# profiles with a bad target are refused with line:col. Usage: check_tls.sh VIGIE SRCDIR SCRATCH
set -u
VIGIE=$1
SRC=$2
SCRATCH=$3
TO=1500
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

TLSFX_SELF=$SRC/tests/tls/fixtures.sh
. "$TLSFX_SELF"
tlsfx_test_setup "$SCRATCH"
good=$(fx good)
goodport=${good##*:}
httpport=$(fx plainhttp)
httpport=${httpport##*:}

# jq-less JSON probe: python3 - FILE 'expression over r (the results)'.
jcheck() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
c = {k["id"]: k for k in r["checks"]}
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$@"
}

# 1. The good configuration passes: exit 0, one check tls.web informing site_https.
"$VIGIE" check --json --tls "$good" --tls-ca "$CA" --tls-timeout $TO >"$SCRATCH/good.json" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "good: exit $rc: $(cat "$SCRATCH/good.json")"
jcheck "$SCRATCH/good.json" 'list(c) == ["tls.web"] and c["tls.web"]["status"] == "pass"
	and c["tls.web"]["findings"] == [] and c["tls.web"]["examined"] == 1
	and c["tls.web"]["informs"] == ["messagerie_web.site_https"] and c["tls.web"]["cap"] is None
	and r["profile"]["id"] == "tls-cli"' || fail "good: $(cat "$SCRATCH/good.json")"

# 2. Bad endpoints fail with their finding codes; high/medium are fail, low is warn; the
# check caps messagerie_web.site_https at 0. A STARTTLS endpoint is a tls.mail check.
"$VIGIE" check --json --tls "$(fx expired)" --tls "$(fx tls10)" --tls "$(fx smtp)" \
	--tls-ca "$CA" --tls-timeout $TO >"$SCRATCH/bad.json" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "bad: exit $rc, expected 1"
jcheck "$SCRATCH/bad.json" 'c["tls.web"]["status"] == "fail" and c["tls.web"]["cap"] == 0
	and c["tls.web"]["informs"] == ["messagerie_web.site_https"]
	and {(f["path"], f["rule"], f["level"]) for f in c["tls.web"]["findings"]} >= {
		(sys.argv[3], "cert_expired", "fail"), (sys.argv[4], "proto_tls10", "fail"),
		(sys.argv[4], "suite_cbc_sha1", "warn")}
	and all(f["observed"] and f["expected"] for f in c["tls.web"]["findings"])
	and c["tls.mail"]["status"] == "pass"
	and c["tls.mail"]["informs"] == ["messagerie_web.messagerie_tls"]' \
	"$(fx expired)" "$(fx tls10)" || fail "bad: $(cat "$SCRATCH/bad.json")"
# TLS 1.0 alone is a medium finding: the check fails and caps at 1, not at 0 as the
# check's severity (high) would: the same cap as the assessment gives it.
"$VIGIE" check --json --tls "$(fx tls10)" --tls-ca "$CA" --tls-timeout $TO >"$SCRATCH/tls10.json" 2>&1
jcheck "$SCRATCH/tls10.json" 'c["tls.web"]["status"] == "fail" and c["tls.web"]["cap"] == 1
	and "proto_tls10" in [f["rule"] for f in c["tls.web"]["findings"]]
	and all(f["rule"] != "cert_expired" for f in c["tls.web"]["findings"])' ||
	fail "tls10 alone: $(cat "$SCRATCH/tls10.json")"
# The table says it in French, one sentence per finding.
out=$("$VIGIE" check --tls "$(fx expired)" --tls-ca "$CA" --tls-timeout $TO 2>&1)
echo "$out" | grep -q "Le certificat du serveur a expiré" || fail "expired: no French sentence: $out"
echo "$out" | grep -q "^ÉCHEC" || fail "expired: not ÉCHEC: $out"

# 3. A closed port: a per-target error, exit 1, never a pass; it caps nothing.
closed=$(fx closed)
"$VIGIE" check --json --tls "$closed" --tls-timeout $TO >"$SCRATCH/closed.json" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "closed: exit $rc, expected 1"
jcheck "$SCRATCH/closed.json" 'c["tls.web"]["status"] == "error" and c["tls.web"]["cap"] is None
	and c["tls.web"]["reason"]
	and [(f["rule"], f["path"]) for f in c["tls.web"]["findings"]] == [("connect_refused", sys.argv[3])]' \
	"$closed" || fail "closed: $(cat "$SCRATCH/closed.json")"
out=$("$VIGIE" check --tls "$closed" --tls "$good" --tls-ca "$CA" --tls-timeout $TO 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "closed + good: exit $rc, expected 1"
echo "$out" | grep -q "^ATTENTION.*tls.web" || fail "closed + good: not a warning: $out"
echo "$out" | grep -q "Connexion refusée" || fail "closed + good: no French error: $out"
# Said once, without the system's "(Connexion refusée)" after the sentence.
echo "$out" | grep -q "(Connexion refusée)\|(Connection refused)" && fail "closed + good: said twice: $out"

# 4. --profile and --tls together run both; --tls alone does not run the default profile.
mkdir -p "$SCRATCH/root/etc"
"$VIGIE" check --json --root "$SCRATCH/root" --profile "$SRC/tests/data/checks/good-minimal.yaml" \
	--tls "$good" --tls-ca "$CA" --tls-timeout $TO >"$SCRATCH/both.json" 2>&1
jcheck "$SCRATCH/both.json" 'list(c) == ["a.b", "c.d", "tls.web"] and r["profile"]["id"] == "bad"' ||
	fail "profile + tls: $(cat "$SCRATCH/both.json")"
"$VIGIE" check --only fichiers.shadow --tls "$good" >"$SCRATCH/only.out" 2>&1
[ $? -eq 2 ] || fail "--only with --tls alone: not a usage error"

# 5. A profile with a tls check runs it; one with a bad target is refused with line:col.
cat >"$SCRATCH/tls.yaml" <<EOF
format: vigie-checks/1
id: tls-test
version: 1.0.0
title: {fr: TLS, en: TLS}
checks:
  - id: site
    kind: tls
    params:
      targets: ["$(fx nohsts)"]
      ca: "$CA"
      timeout_ms: $TO
    severity: medium
    title: {fr: Site, en: Site}
    remediation: {fr: R, en: R}
    informs: [messagerie_web.site_https]
EOF
"$VIGIE" check --json --profile "$SCRATCH/tls.yaml" >"$SCRATCH/prof.json" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "tls profile: exit $rc"
jcheck "$SCRATCH/prof.json" 'c["site"]["status"] == "fail" and c["site"]["cap"] == 1
	and [f["rule"] for f in c["site"]["findings"]] == ["hsts_missing"]' ||
	fail "tls profile: $(cat "$SCRATCH/prof.json")"
sed 's/targets: .*/targets: [www.example.fr, "mail.example.fr:0"]/' "$SCRATCH/tls.yaml" >"$SCRATCH/bad.yaml"
out=$("$VIGIE" check --profile "$SCRATCH/bad.yaml" 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "bad target profile: exit $rc"
echo "$out" | grep -qF "bad.yaml:9:33: cible refusée (mail.example.fr:0 : le port doit être un nombre de 1 à 65535)" || fail "bad target profile: $out"
echo "$out" | grep -qF "; écrivez un nom ou une adresse, suivi au besoin de :port (1 à 65535)" ||
	fail "bad target profile, what to write: $out"
out=$("$VIGIE" --lang en check --profile "$SCRATCH/bad.yaml" 2>&1)
echo "$out" | grep -qF "bad.yaml:9:33: target refused (mail.example.fr:0: " ||
	fail "bad target profile in English: $out"
sed 's/targets: .*/targets: [local, www.example.fr, local]/' "$SCRATCH/tls.yaml" >"$SCRATCH/bad.yaml"
out=$("$VIGIE" check --profile "$SCRATCH/bad.yaml" 2>&1)
echo "$out" | grep -qF "bad.yaml:9:40: targets nomme local deux fois ; gardez-en un" ||
	fail "local twice: $out"
out=$("$VIGIE" --lang en check --profile "$SCRATCH/bad.yaml" 2>&1)
echo "$out" | grep -qF "bad.yaml:9:40: targets names local twice; keep one" ||
	fail "local twice in English: $out"

# 6. --tls local: the listening sockets of a fake /proc/net; the plain HTTP one is not a
# finding but named in the reason. Under --root, local is skipped (not this machine's).
mkdir -p "$SCRATCH/procnet"
{
	echo "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
	printf "   0: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n" "$goodport"
	printf "   1: 00000000:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 2\n" "$httpport"
} >"$SCRATCH/procnet/tcp"
VIGIE_TEST_PROC_NET=$SCRATCH/procnet "$VIGIE" --lang en check --json --tls local --tls-ca "$CA" \
	--tls-timeout $TO >"$SCRATCH/local.json" 2>&1
jcheck "$SCRATCH/local.json" 'c["tls.local"]["examined"] == 1
	and "cert_hostname_mismatch" in [f["rule"] for f in c["tls.local"]["findings"]]
	and sys.argv[3] + " (plain HTTP)" in c["tls.local"]["reason"] and "plain_http" not in c["tls.local"]["reason"]' \
	"127.0.0.1:$httpport" || fail "local: $(cat "$SCRATCH/local.json")"
VIGIE_TEST_PROC_NET=$SCRATCH/procnet "$VIGIE" check --json --root "$SCRATCH/root" --tls local \
	>"$SCRATCH/localroot.json" 2>&1
jcheck "$SCRATCH/localroot.json" 'c["tls.local"]["status"] == "skipped"' ||
	fail "local under --root: $(cat "$SCRATCH/localroot.json")"

# 7. Usage errors exit 2 and point to --help.
for args in "--tls host:0" "--tls-ca $CA" "--tls-timeout 10 --tls host" "--tls ftp://host"; do
	# shellcheck disable=SC2086
	"$VIGIE" check $args >"$SCRATCH/usage.out" 2>&1
	rc=$?
	[ $rc -eq 2 ] || fail "'vigie check $args': exit $rc, expected 2"
	grep -q "vigie check --help" "$SCRATCH/usage.out" || fail "'vigie check $args': no hint"
done
"$VIGIE" check --tls-ca "$SCRATCH/nope.pem" --tls "$good" >"$SCRATCH/ca.out" 2>&1
[ $? -eq 1 ] || fail "missing CA file: exit not 1"
grep -q "nope.pem" "$SCRATCH/ca.out" || fail "missing CA file: not named: $(cat "$SCRATCH/ca.out")"
"$VIGIE" check --help | grep -q -- "--tls seul ne lance que" || fail "--help does not say what --tls alone runs"

if [ $fails -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "check_tls: all checks passed"
