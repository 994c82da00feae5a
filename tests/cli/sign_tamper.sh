#!/bin/sh
# Tampering: every refusal of vigie verify, each with its reason, and exit code 1.
set -u
VIGIE=$1 SRC=$2 T=$3
rm -rf "$T" && mkdir -p "$T" && cd "$T" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
unset VIGIE_PASSPHRASE
CARD=$SRC/tests/data/scorecard/good-saint-exemple.json

# refused FILE REASON [verify options...]: vigie verify exits 1 and says why on its line.
refused() {
	f=$1 why=$2
	shift 2
	"$VIGIE" verify "$f" "$@" >out.txt 2>err.txt
	rc=$?
	[ $rc = 1 ] || fail "$f: exit $rc, not 1: $(cat out.txt err.txt)"
	grep -q "^FAILED  $f: .*$why" out.txt || fail "$f: wanted '$why', got: $(cat out.txt)"
}

"$VIGIE" keygen --out k </dev/null >/dev/null || fail keygen
"$VIGIE" keygen --out other </dev/null >/dev/null || fail keygen
cp "$CARD" a.json
sed 's/Saint-Exemple/Autre-Exemple/' "$CARD" >b.json
"$VIGIE" sign a.json b.json --key k.key --signer "Signataire A" >/dev/null || fail sign
"$VIGIE" verify a.json b.json --pubkey k.pub >out.txt || fail "good files: $(cat out.txt)"
grep -q '^OK  a.json  signer="Signataire A" key=' out.txt || fail "OK line: $(cat out.txt)"

# Single-byte changes at the start, in the middle, at the end, and the trailing newline
# (the unit test test_sign flips every byte of this file).
size=$(wc -c <a.json)
for pos in 0 1 2 100 777 $((size / 2)) $((size - 2)) $((size - 1)); do
	cp a.json t$pos.json && cp a.json.minisig t$pos.json.minisig
	printf 'Z' | dd of=t$pos.json bs=1 seek=$pos conv=notrunc 2>/dev/null
	cmp -s a.json t$pos.json && printf 'Y' | dd of=t$pos.json bs=1 seek=$pos conv=notrunc 2>/dev/null
	refused t$pos.json "la signature ne correspond pas" --pubkey k.pub
done

# Every single-byte change of a small signed scorecard, end to end: one copy per byte
# position, all checked by one vigie verify, every line FAILED with the reason.
cp "$SRC/tests/data/scorecard/good-minimal.json" small.json
"$VIGIE" sign small.json --key k.key >/dev/null || fail "sign small.json"
"$VIGIE" verify small.json --pubkey k.pub >/dev/null || fail "small.json not verified"
mkdir bytes
n=$(wc -c <small.json)
i=0
while [ $i -lt "$n" ]; do
	cp small.json bytes/$i.json && cp small.json.minisig bytes/$i.json.minisig
	c=$(dd if=small.json bs=1 skip=$i count=1 2>/dev/null)
	r=Z && [ "$c" = Z ] && r=Y
	printf %s "$r" | dd of=bytes/$i.json bs=1 seek=$i conv=notrunc 2>/dev/null
	i=$((i + 1))
done
"$VIGIE" verify bytes/*.json --pubkey k.pub >out.txt
[ $? = 1 ] || fail "byte changes: exit code"
[ "$(grep -c '^FAILED  bytes/[0-9]*.json: la signature ne correspond pas' out.txt)" = "$n" ] ||
	fail "byte changes: $(grep -v 'la signature ne correspond pas' out.txt | head -n 3)"

# Truncated file, appended byte.
head -c $((size - 1)) a.json >trunc.json && cp a.json.minisig trunc.json.minisig
refused trunc.json "la signature ne correspond pas" --pubkey k.pub
{ cat a.json; echo; } >longer.json && cp a.json.minisig longer.json.minisig
refused longer.json "la signature ne correspond pas" --pubkey k.pub

# Swapped signatures: each file with the other's signature.
cp a.json sa.json && cp b.json.minisig sa.json.minisig
refused sa.json "la signature ne correspond pas" --pubkey k.pub

# Wrong key, and a trusted directory without the signer's key.
refused a.json "signé avec la clé [0-9A-F]*, pas avec la clé donnée" --pubkey other.pub
mkdir strangers && cp other.pub strangers/
refused a.json "qui n'est pas dans strangers" --trusted strangers
mkdir empty
refused a.json "qui n'est pas dans empty" --trusted empty

# The trusted comment edited, the signature file truncated or missing.
cp a.json tc.json && sed '3s/Signataire A/Signataire B/' a.json.minisig >tc.json.minisig
refused tc.json "le commentaire de confiance a été modifié" --pubkey k.pub
cp a.json ts.json && head -n 2 a.json.minisig >ts.json.minisig
refused ts.json "ce n'est pas une signature minisign" --pubkey k.pub
cp a.json none.json
refused none.json "pas de signature" --pubkey k.pub

# A good signature whose trusted comment does not match the scorecard it covers.
minisign -G -W -p m.pub -s m.key >/dev/null 2>&1 || fail "minisign -G"
cp a.json q.json
minisign -S -s m.key -m q.json -t "$(printf 'signer:X\tquestionnaire:decouverte\tquestionnaire_sha256:%064d' 0)" \
	>/dev/null 2>&1 || fail "minisign -S"
refused q.json "le commentaire de confiance donne le SHA-256 du questionnaire" --pubkey m.pub
cp a.json qi.json
minisign -S -s m.key -m qi.json -t "$(printf 'signer:X\tquestionnaire:communes')" \
	>/dev/null 2>&1 || fail "minisign -S"
refused qi.json "le commentaire de confiance donne l'identifiant du questionnaire 'communes'" --pubkey m.pub
# A good signature over something that is not a scorecard.
echo '{"format": "vigie-scorecard/2"}' >new.json
minisign -S -s m.key -m new.json >/dev/null 2>&1 || fail "minisign -S"
refused new.json "pas une fiche lisible : .*version plus récente de vigie" --pubkey m.pub

# One bad file among good ones: the good ones still print OK, the exit code is 1.
"$VIGIE" verify a.json t0.json b.json --pubkey k.pub >out.txt
[ $? = 1 ] || fail "mixed: exit code"
[ "$(grep -c '^OK  ' out.txt)" = 2 ] && [ "$(grep -c '^FAILED  ' out.txt)" = 1 ] ||
	fail "mixed: $(cat out.txt)"

# CMS: an expired certificate, a certificate from another CA, a changed file.
. "$SRC/tests/cli/lib/cms.sh"
for ca in ca1 ca2; do
	cms_ca $ca "/CN=Test $ca" || fail "$ca"
done
cms_req leaf "/CN=secretariat" || fail "leaf request"
cms_cert leaf ca2 leaf leaf2.pem || fail "leaf of ca2"
: >index.txt && echo 01 >serial
openssl ca -config ca.cnf -batch -notext -in leaf.csr -cert ca1.pem -keyfile ca1.key \
	-startdate 20200101000000Z -enddate 20200201000000Z -out expired.pem 2>/dev/null ||
	fail "expired leaf"
"$VIGIE" sign a.json --cert expired.pem --key leaf.key >/dev/null 2>err.txt &&
	fail "vigie signed with an expired certificate"
grep -q "n'est pas valide aujourd'hui" err.txt || fail "expired cert at signing: $(cat err.txt)"
cp a.json exp.json
openssl cms -sign -binary -in exp.json -signer expired.pem -inkey leaf.key -outform DER \
	-out exp.json.p7s 2>/dev/null || fail "openssl cms -sign"
refused exp.json "certificat refusé : certificate has expired" --ca ca1.pem
cp a.json ca2.json
"$VIGIE" sign ca2.json --cert leaf2.pem --key leaf.key >/dev/null || fail "sign --cert"
"$VIGIE" verify ca2.json --ca ca2.pem >/dev/null || fail "own CA refused"
refused ca2.json "certificat refusé : unable to get local issuer certificate" --ca ca1.pem
cp b.json ca2.json
refused ca2.json "la signature CMS ne correspond pas au fichier" --ca ca2.pem
refused ca2.json "a une signature .p7s : donnez --ca FICHIER" --pubkey k.pub
"$VIGIE" verify a.json >/dev/null 2>&1
[ $? = 2 ] || fail "verify without a key: not a usage error"
echo "ok"
