#!/bin/sh
# Interop: vigie's signatures checked by minisign and by the openssl command line alone
# (the commands of docs/signatures.md), minisign's signatures checked by vigie, vigie's CMS
# checked by openssl cms and openssl's CMS checked by vigie.
set -u
VIGIE=$1 SRC=$2 T=$3
rm -rf "$T" && mkdir -p "$T" && cd "$T" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
for tool in minisign openssl base64; do
	command -v $tool >/dev/null || fail "$tool is not installed (scripts/packages/test-sign.txt)"
done
unset VIGIE_PASSPHRASE
cp "$SRC/tests/data/scorecard/good-saint-exemple.json" scorecard.json

# 1. vigie signs, minisign verifies.
"$VIGIE" keygen --out commune </dev/null >keygen.out || fail "keygen"
id=$(sed -n 's/^untrusted comment: minisign public key //p' commune.pub)
"$VIGIE" sign scorecard.json --key commune.key --signer "Mairie de Saint-Étienne-l'Exemple" >/dev/null ||
	fail "vigie sign"
minisign -Vm scorecard.json -p commune.pub >minisign.out 2>&1 ||
	{ cat minisign.out; fail "minisign -V refused vigie's signature"; }
grep -q "Signature and comment signature verified" minisign.out || fail "minisign output"
grep -q "signer:Mairie de Saint-Étienne-l'Exemple" minisign.out || fail "trusted comment not shown"
# The fingerprint printed is the one keygen printed, of the key that verified.
fp=$(sed -n 's/^Empreinte : //p' keygen.out)
[ -n "$fp" ] || fail "no fingerprint in keygen's output: $(cat keygen.out)"
"$VIGIE" verify scorecard.json --pubkey commune.pub |
	grep -q "^OK  scorecard.json  signer=\"Mairie de Saint-Étienne-l'Exemple\" key=$id fingerprint=\"$fp\"\$" ||
	fail "vigie verify line"
minisign -VHQm scorecard.json -p commune.pub | grep -q "questionnaire_sha256:" ||
	fail "minisign -VHQ: no questionnaire hash in the trusted comment"
# The key id printed by keygen is the one minisign puts in the .pub comment.
grep "$(echo "$id" | sed 's/\(....\)\(....\)\(....\)\(....\)/\1 \2 \3 \4/')" keygen.out \
	>/dev/null || fail "keygen's key id is not minisign's ($id)"
cp scorecard.json changed.json && cp scorecard.json.minisig changed.json.minisig
sed -i 's/"grade": "D"/"grade": "A"/' changed.json
minisign -Vm changed.json -p commune.pub >/dev/null 2>&1 && fail "minisign accepted a changed file"

# 2. The openssl-only recipe of docs/signatures.md, as written there.
# Public key: the last 32 bytes of the .pub's base64, behind the fixed DER prefix of an
# Ed25519 SubjectPublicKeyInfo (30 2a 30 05 06 03 2b 65 70 03 21 00).
{ printf '\060\052\060\005\006\003\053\145\160\003\041\000'; tail -n 1 commune.pub |
	base64 -d | tail -c 32; } >pub.der
openssl pkey -pubin -inform DER -in pub.der -out pub-from-der.pem || fail "pub.der is not a key"
cmp -s pub-from-der.pem commune.pub.pem || fail "pub.der differs from commune.pub.pem"
[ "$(sed -n 2p scorecard.json.minisig | base64 -d | head -c 2)" = ED ] || fail "not ED"
sed -n 2p scorecard.json.minisig | base64 -d | head -c 10 | tail -c 8 >sig.keyid
tail -n 1 commune.pub | base64 -d | head -c 10 | tail -c 8 >pub.keyid
cmp -s sig.keyid pub.keyid || fail "key ids differ"
sed -n 2p scorecard.json.minisig | base64 -d | tail -c 64 >sig.bin
openssl dgst -blake2b512 -binary scorecard.json >scorecard.b2
openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -in scorecard.b2 \
	-sigfile sig.bin >ossl.out || fail "openssl pkeyutl refused the file signature"
grep -q "Signature Verified Successfully" ossl.out || fail "pkeyutl output"
{ cat sig.bin; sed -n 3p scorecard.json.minisig | sed 's/^trusted comment: //' |
	tr -d '\n'; } >global.bin
sed -n 4p scorecard.json.minisig | base64 -d >global.sig
openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -in global.bin \
	-sigfile global.sig >/dev/null || fail "openssl refused the trusted comment signature"
openssl dgst -blake2b512 -binary changed.json >changed.b2
openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -in changed.b2 \
	-sigfile sig.bin >/dev/null 2>&1 && fail "openssl accepted a changed file"
# The PEM public key vigie writes works the same way.
openssl pkeyutl -verify -pubin -inkey commune.pub.pem -rawin -in scorecard.b2 \
	-sigfile sig.bin >/dev/null || fail "openssl with commune.pub.pem"

# 3. minisign signs (prehashed by default, and legacy with -l), vigie verifies.
minisign -G -W -p mini.pub -s mini.key >/dev/null 2>&1 || fail "minisign -G -W"
cp scorecard.json m.json
minisign -S -s mini.key -m m.json >/dev/null 2>&1 || fail "minisign -S"
"$VIGIE" verify m.json --pubkey mini.pub >v.out || { cat v.out; fail "vigie refused minisign's"; }
grep -q '^OK  m.json  signer="(not stated)" key=' v.out || fail "vigie output: $(cat v.out)"
cp scorecard.json legacy.json
minisign -S -l -s mini.key -m legacy.json >/dev/null 2>&1 || fail "minisign -S -l"
# vigie never makes the legacy "Ed" and refuses it (issue 16, point 10): one algorithm.
"$VIGIE" verify legacy.json --pubkey mini.pub >v.out && fail "vigie accepted a legacy Ed sig"
grep -q 'ancienne signature minisign (« Ed », minisign -l) refusée' v.out || fail "legacy: $(cat v.out)"
# A trusted comment in vigie's fields, written by minisign: checked against the file.
q=$(sed -n 's/^    "sha256": "\(.*\)",$/\1/p' scorecard.json)
cp scorecard.json tc.json
minisign -S -s mini.key -m tc.json -t "$(printf 'signer:Test\tquestionnaire:decouverte\tquestionnaire_sha256:%s' "$q")" \
	>/dev/null 2>&1 || fail "minisign -S -t"
"$VIGIE" verify tc.json --pubkey mini.pub | grep -q '^OK  tc.json  signer="Test"' ||
	fail "vigie refused a minisign trusted comment with vigie fields"
mkdir trusted && cp mini.pub trusted/mini.pub && cp commune.pub trusted/commune.pub
"$VIGIE" verify scorecard.json m.json --trusted trusted >v.out || fail "--trusted: $(cat v.out)"
[ "$(grep -c '^OK  ' v.out)" = 2 ] || fail "--trusted: $(cat v.out)"

# 4. CMS: a test CA, a leaf without extendedKeyUsage (FIELD-NOTES), ECDSA P-256.
. "$SRC/tests/cli/lib/cms.sh"
cms_ca ca "/CN=Test CA vigie" || fail "CA"
cms_req leaf "/O=Mairie de Saint-Exemple/CN=secretariat" || fail "leaf request"
cms_cert leaf ca leaf leaf.pem || fail "leaf"
cp scorecard.json c.json
"$VIGIE" sign c.json --cert leaf.pem --key leaf.key >/dev/null || fail "vigie sign --cert"
[ -f c.json.p7s ] && [ ! -f c.json.minisig ] || fail "no c.json.p7s"
openssl cms -verify -binary -inform DER -in c.json.p7s -content c.json -CAfile ca.pem \
	-no-CApath -no-CAstore -out /dev/null 2>cms.err ||
	{ cat cms.err; fail "openssl cms refused vigie's .p7s"; }
grep -q "Verification successful" cms.err || fail "openssl cms output"
openssl cms -verify -binary -inform DER -in c.json.p7s -content changed.json -CAfile ca.pem \
	-no-CApath -no-CAstore -out /dev/null 2>/dev/null &&
	fail "openssl cms accepted a changed file"
"$VIGIE" verify c.json --ca ca.pem | grep -q '^OK  c.json  signer=".*CN=secretariat" key=' ||
	fail "vigie refused its own .p7s"
cp scorecard.json o.json
openssl cms -sign -binary -in o.json -signer leaf.pem -inkey leaf.key -outform DER \
	-out o.json.p7s 2>/dev/null || fail "openssl cms -sign"
"$VIGIE" verify o.json --ca ca.pem >/dev/null || fail "vigie refused openssl's .p7s"
echo "ok"
