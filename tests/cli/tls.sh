#!/bin/sh
# vigie tls against real servers on 127.0.0.1: one good configuration (nginx), one
# openssl s_server per deliberate finding, a fake STARTTLS SMTP server, and hostile peers
# (closed port, silent listener, plain HTTP, garbage). Usage: tls.sh VIGIE SRCDIR SCRATCH
set -u
VIGIE=$1
SRC=$2
SCRATCH=$3
TIMEOUT=1500
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
httpport=$(awk '$1 == "plainhttp" { n = split($2, a, ":"); print a[n] }' "$FX")

# 1. Every fixture at once, concurrently: each deliberate property is reported.
start=$(date +%s)
# shellcheck disable=SC2046
"$VIGIE" tls --json --ca "$CA" --timeout $TIMEOUT $(awk '{ print $2 }' "$FX") \
	>"$SCRATCH/all.json" 2>"$SCRATCH/all.err"
rc=$?
elapsed=$(($(date +%s) - start))
[ $rc -eq 1 ] || fail "all fixtures: exit $rc, expected 1 (findings)"
[ $elapsed -le 15 ] || fail "all fixtures took ${elapsed}s (a hang?)"
python3 - "$FX" "$SCRATCH/all.json" $TIMEOUT <<'PY' || fails=$((fails + 1))
import json, sys
fixtures = [l.split() for l in open(sys.argv[1]) if l.strip()]
reports = json.load(open(sys.argv[2]))
timeout = int(sys.argv[3])
bad = 0
if len(reports) != len(fixtures):
    print("FAIL: %d reports for %d targets" % (len(reports), len(fixtures)))
    sys.exit(1)
for (name, target, expect), r in zip(fixtures, reports):
    codes = [f["code"] for f in r.get("findings", [])]
    err = r.get("error", {}).get("code")
    ok = True
    if expect == "clean":
        ok = r["verdict"] == "pass" and codes == [] and err is None
    elif expect.startswith("error:"):
        ok = err == expect[6:] and r["verdict"] == "error"
        if r["elapsed_ms"] > timeout * 2 + 1000:
            print("FAIL: %s took %d ms, past its timeouts" % (name, r["elapsed_ms"]))
            bad += 1
    else:
        ok = all(c in codes for c in expect.split(",")) and r["verdict"] != "pass"
    for f in r.get("findings", []):
        if not f["fr"] or not f["en"] or f["severity"] not in ("info", "low", "medium", "high"):
            print("FAIL: %s: finding %s lacks a sentence" % (name, f["code"]))
            bad += 1
    if not ok:
        print("FAIL: %s (%s): expected %s, got verdict %s, findings %s, error %s"
              % (name, target, expect, r["verdict"], codes, err))
        bad += 1
    else:
        print("ok: %-10s %-28s %s" % (name, expect, r["verdict"]))
v = {r["host"] + ":" + str(r["port"]): r for r in reports}
# Versions and suites of a few fixtures, in detail.
tls10 = reports[[f[0] for f in fixtures].index("tls10")]
if not (tls10["versions"]["TLS 1.0"]["accepted"] and tls10["versions"]["TLS 1.2"]["accepted"]):
    print("FAIL: tls10 fixture: versions %s" % tls10["versions"]); bad += 1
good = reports[0]
if good["versions"]["TLS 1.0"]["accepted"] or not good["versions"]["TLS 1.3"]["accepted"]:
    print("FAIL: good fixture: versions %s" % good["versions"]); bad += 1
names = [s["name"] for s in good["versions"]["TLS 1.2"]["suites"]]
if sorted(names) != sorted(["ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256",
                            "ECDHE-RSA-CHACHA20-POLY1305"]):
    print("FAIL: good fixture: TLS 1.2 suites %s" % names); bad += 1
if good["versions"]["TLS 1.2"]["server_order"] is not True:
    print("FAIL: good fixture: server order not seen"); bad += 1
if not good["hsts"] or "max-age=31536000" not in good["hsts"]:
    print("FAIL: good fixture: HSTS %r" % good["hsts"]); bad += 1
cbc = reports[[f[0] for f in fixtures].index("cbcsha1")]
if cbc["versions"]["TLS 1.2"]["server_order"] is not False:
    print("FAIL: cbcsha1 fixture: client order not seen"); bad += 1
if good["certificate"]["chain_sent"] != 2 or good["certificate"]["hostname_ok"] is not True:
    print("FAIL: good fixture: certificate %s" % good["certificate"]); bad += 1
sys.exit(1 if bad else 0)
PY

# 2. The good configuration alone passes, in French and in English, exit 0.
out=$("$VIGIE" tls --ca "$CA" --timeout $TIMEOUT "$good" 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "good alone: exit $rc: $out"
echo "$out" | grep -q "CONFORME" || fail "good alone: no CONFORME in: $out"
echo "$out" | grep -q "SSLv2, SSLv3 : non testés" || fail "good alone: SSLv2/3 not said untested"
out=$("$VIGIE" --lang en tls --ca "$CA" --timeout $TIMEOUT "$good" 2>&1)
echo "$out" | grep -q "PASS" || fail "good alone (en): no PASS in: $out"

# 3. An IP literal: no SNI, and the name check is made against the IP (not in the cert).
out=$("$VIGIE" tls --json --ca "$CA" --timeout $TIMEOUT "127.0.0.1:$goodport" 2>&1)
echo "$out" | grep -q '"cert_hostname_mismatch"' || fail "IP literal: no hostname mismatch: $out"

# 3b. SNI: this server shows the good certificate only to a client that sends SNI
# "localhost", and the www.example.invalid one otherwise.
sniport=$(python3 "$SRC/tests/tls/peers.py" freeports 1)
PKI=$SCRATCH/fx/pki
openssl s_server -accept "127.0.0.1:$sniport" -www -quiet -naccept 100000 \
	-cert "$PKI/mismatch.crt" -key "$PKI/mismatch.key" -cert_chain "$PKI/int.crt" \
	-servername localhost -cert2 "$PKI/good.full" -key2 "$PKI/good.key" \
	</dev/null >"$SCRATCH/sni.log" 2>&1 &
echo $! >>"$SCRATCH/fx/pids"
python3 "$SRC/tests/tls/peers.py" waitports "$sniport" || fail "SNI server did not start"
out=$("$VIGIE" tls --json --ca "$CA" --timeout $TIMEOUT "localhost:$sniport" 2>&1)
echo "$out" | grep -q '"cert_hostname_mismatch"' && fail "SNI not sent: $out"
echo "$out" | grep -q '"subject": "/CN=localhost"' || fail "SNI: wrong certificate: $out"

# 4. Without --ca, the test CA is not trusted by the system store.
out=$("$VIGIE" tls --json --timeout $TIMEOUT "$good" 2>&1)
echo "$out" | grep -q '"cert_chain_incomplete"\|"cert_untrusted"' ||
	fail "system store: the test CA was trusted: $out"

# 5. A French sentence per finding, in the text output.
nohsts=$(fx nohsts)
out=$("$VIGIE" tls --ca "$CA" --timeout $TIMEOUT "$nohsts" 2>&1)
echo "$out" | grep -q "n'envoie pas l'en-tête HSTS" || fail "nohsts: no French sentence: $out"
# French typography: a space before each colon of the labels and findings; none in English.
echo "$out" | grep -q "^  \[moyen\] hsts_missing : Le site HTTPS" || fail "nohsts: finding line: $out"
echo "$out" | grep -q "^  Versions : TLS 1.0 non" || fail "nohsts: versions line: $out"
echo "$out" | grep -q "^  Certificat : " || fail "nohsts: certificate line: $out"
out=$("$VIGIE" --lang en tls --ca "$CA" --timeout $TIMEOUT "$nohsts" 2>&1)
echo "$out" | grep -q "^  \[medium\] hsts_missing: The HTTPS site" || fail "nohsts (en): finding line: $out"
echo "$out" | grep -q "^  Versions: TLS 1.0 no" || fail "nohsts (en): versions line: $out"

# 6. A peer that does not speak SMTP, asked for SMTP STARTTLS: a clear error, no hang.
garbage=$(fx garbage)
out=$("$VIGIE" tls --json --timeout $TIMEOUT "smtp://$garbage" 2>&1)
echo "$out" | grep -q '"starttls_failed"' || fail "smtp:// to a garbage peer: $out"

# 7. --local reads the listening sockets (here a fake /proc/net naming two fixtures).
mkdir -p "$SCRATCH/procnet"
{
	echo "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
	printf "   0: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n" "$goodport"
	printf "   1: 00000000:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 2\n" "$httpport"
	echo "   2: garbage"
} >"$SCRATCH/procnet/tcp"
out=$(VIGIE_TEST_PROC_NET=$SCRATCH/procnet "$VIGIE" --lang en tls --local --ca "$CA" \
	--timeout $TIMEOUT 2>&1)
rc=$?
echo "$out" | grep -q "127.0.0.1:$goodport — FAIL" ||
	fail "--local: the good port (by IP, so name mismatch) not probed: $out"
echo "$out" | grep -q "127.0.0.1:$httpport — no TLS (plain_http)" ||
	fail "--local: the plain HTTP port not listed as no TLS: $out"

# 8. Usage errors exit 2 with a hint; a bad CA file exits 1 and says which file.
for args in "" "host:0" "--timeout abc host" "--threads 0 host" "--bogus host" "[::1"; do
	# shellcheck disable=SC2086
	"$VIGIE" tls $args >"$SCRATCH/usage.out" 2>&1
	rc=$?
	[ $rc -eq 2 ] || fail "'vigie tls $args': exit $rc, expected 2"
	grep -q "vigie tls --help" "$SCRATCH/usage.out" || fail "'vigie tls $args': no hint"
done
"$VIGIE" tls --ca "$SCRATCH/nope.pem" "$good" >"$SCRATCH/ca.out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "--ca missing file: exit $rc, expected 1"
grep -q "nope.pem" "$SCRATCH/ca.out" || fail "--ca missing file: message does not name it"
"$VIGIE" tls --help | grep -q "Utilisation : vigie tls" || fail "--help"

if [ $fails -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "tls: all checks passed"
