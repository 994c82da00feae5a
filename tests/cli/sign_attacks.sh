#!/bin/sh
# Issue 16: the attacks of a dishonest commune (or a hostile file), each reproduced against
# the real binary; every check here failed before the fix it names.
set -u
. "$2/tests/lib.sh"
T=$SCRATCH
unset VIGIE_PASSPHRASE
cd "$T" || exit 1
TPL=$SRC/tests/data/scorecard/good-saint-exemple.json

# card FILE INSEE [GENERATED_AT]: the fixture scorecard for another commune.
card() {
	sed -e "s/\"insee\": \"01999\"/\"insee\": \"$2\"/" \
		-e "s/\"generated_at\": \"[^\"]*\"/\"generated_at\": \"${3:-2025-11-29T04:20:00Z}\"/" \
		"$TPL" >"$1"
}

"$VIGIE" keygen --out a >a.keygen 2>&1 || { echo "keygen a failed"; exit 1; }
"$VIGIE" keygen --out b >/dev/null 2>&1 || { echo "keygen b failed"; exit 1; }
ida=$(sed -n 's/^untrusted comment: minisign public key //p' a.pub)
fpa=$(sed -n 's/^Empreinte : //p' a.keygen)

# ---- Point 1: B's .pub carries A's key id with B's own key. ----
mkdir trusted
cp a.pub trusted/a.pub
# "ED" + A's id + B's 32 bytes, as a commune would forge it.
{ echo "untrusted comment: minisign public key $ida"
  { tail -n 1 a.pub | base64 -d | head -c 10; tail -n 1 b.pub | base64 -d | tail -c 32; } |
	base64 -w0; echo; } >trusted/0-b.pub
card a1.json 49001
"$VIGIE" sign a1.json --key a.key >/dev/null || t_notok "sign a1"
t_run "verify: a directory where two files give one key id is refused" 1 \
	"$VIGIE" verify a1.json --trusted trusted
t_grep "... naming both files" "$SCRATCH/err" "0-b.pub et a.pub donnent tous deux l'identifiant de clé $ida"
t_run "collect: the same refusal" 1 "$VIGIE" collect --db s.db --trusted trusted a1.json
t_grep "... naming both files" "$SCRATCH/err" "0-b.pub et a.pub donnent tous deux l'identifiant de clé $ida"
rm trusted/0-b.pub
t_run "verify with A's genuine key alone" 0 "$VIGIE" verify a1.json --trusted trusted
t_grep "... prints the fingerprint of the key that verified" "$SCRATCH/out" \
	"key=$ida fingerprint=\"$fpa\""

# ---- Point 2: B signs for A's commune; dates in the future or after the signature. ----
cp b.pub trusted/b.pub
card forged.json 49001 2025-10-01T00:00:00Z # other bytes than a1.json
"$VIGIE" sign forged.json --key b.key >/dev/null || t_notok "sign forged"
t_run "collect: an unbound key signs for no commune" 1 \
	"$VIGIE" collect --db s.db --trusted trusted a1.json forged.json
t_grep "... says how to bind" "$SCRATCH/out" "écrivez le ou les codes INSEE pour lesquels elle peut signer dans trusted/a.insee"
echo "49001 4900X" >trusted/a.insee
t_run "collect: a .insee that is not a list of INSEE codes" 1 \
	"$VIGIE" collect --db s.db --trusted trusted a1.json
t_grep "... says which line and word" "$SCRATCH/err" "trusted/a.insee:1 : « 4900X » n'est pas un code INSEE"
echo 49001 >trusted/a.insee
printf '# Commune B, checked by phone\n49002\n' >trusted/b.insee
t_run "collect: B's scorecard for A's INSEE is refused" 1 \
	"$VIGIE" collect --db s.db --trusted trusted a1.json forged.json
t_grep "... A's own imported" "$SCRATCH/out" "importée  a1.json"
t_grep "... B's refused, saying why" "$SCRATCH/out" \
	"REFUSÉE  forged.json : la fiche est celle du code INSEE 49001, pour lequel la clé b.pub ne peut pas signer"
[ "$(sqlite3 s.db "SELECT count(*) FROM scorecard WHERE org_insee = '49001'")" = 1 ] &&
	t_ok "... nothing of B's stored" || t_notok "B's forgery stored"
card b1.json 49002
"$VIGIE" sign b1.json --key b.key >/dev/null || t_notok "sign b1"
t_run "collect: B for its own commune" 0 "$VIGIE" collect --db s.db --trusted trusted b1.json
t_run "--no-binding: the old behaviour, on request" 0 \
	"$VIGIE" collect --db nb.db --trusted trusted --no-binding forged.json
t_run "--no-binding goes with --trusted" 2 "$VIGIE" collect --db nb.db --pubkey b.pub \
	--no-binding forged.json
# keygen --insee proposes the binding in the .pub's comment; collect shows it, unchecked.
t_run "keygen --insee takes an INSEE code" 2 "$VIGIE" keygen --out bad --insee 4900
[ ! -e bad.key ] && t_ok "... and writes no key" || t_notok "keygen --insee 4900 wrote a key"
t_run "keygen --insee 2A004" 0 "$VIGIE" keygen --out c --insee 2A004
t_grep "... in the .pub's comment" c.pub "insee:2A004"
if command -v minisign >/dev/null; then
	card c1.json 2A004
	"$VIGIE" sign c1.json --key c.key >/dev/null || t_notok "sign c1"
	minisign -Vm c1.json -p c.pub >/dev/null 2>&1 && t_ok "minisign reads such a .pub" ||
		t_notok "minisign refused the .pub with insee:"
fi
cp c.pub trusted/c.pub
t_run "collect: the unbound key's proposal shown" 1 \
	"$VIGIE" collect --db s.db --trusted trusted c1.json
t_grep "... unchecked" "$SCRATCH/out" "son .pub propose 2A004, à vérifier"
echo 2A004 >trusted/c.insee
t_run "collect: once bound, imported" 0 "$VIGIE" collect --db s.db --trusted trusted c1.json
card future.json 49002 2099-01-01T00:00:00Z
"$VIGIE" sign future.json --key b.key >/dev/null || t_notok "sign future"
t_run "collect: generated_at in 2099 refused" 1 "$VIGIE" collect --db s.db --trusted trusted future.json
t_grep "... as in the future" "$SCRATCH/out" "generated_at 2099-01-01T00:00:00Z est dans le futur"
t_run "collect --pubkey: the same" 1 "$VIGIE" collect --db s.db --pubkey b.pub future.json
# A signature whose trusted comment says 2020: the scorecard of 2025 cannot be older.
minisign -G -W -p m.pub -s m.key >/dev/null 2>&1 || t_notok "minisign -G"
cp m.pub trusted/m.pub && echo 49002 >trusted/m.insee
card late.json 49002 2025-06-01T00:00:00Z
minisign -S -s m.key -m late.json -t "signer:B	timestamp:1577836800" >/dev/null 2>&1 ||
	t_notok "minisign -S"
t_run "collect: generated_at after the signature's time refused" 1 \
	"$VIGIE" collect --db s.db --trusted trusted late.json
t_grep "... saying so" "$SCRATCH/out" "est postérieur à l'heure de la signature (1577836800)"
rm trusted/m.pub trusted/m.insee

# ---- Point 3: a TLS server's certificate (or one without digitalSignature) cannot sign. ----
. "$SRC/tests/cli/lib/cms.sh"
cms_ca ca "/CN=Test CA vigie" || t_notok "CA"
for ext in server encipher signer; do
	{ cms_req "$ext" "/CN=$ext.mairie.example" && cms_cert "$ext" ca "$ext" "$ext.pem"; } ||
		t_notok "$ext cert"
	card "cms-$ext.json" 49002
	"$VIGIE" sign "cms-$ext.json" --cert "$ext.pem" --key "$ext.key" >/dev/null ||
		t_notok "sign with $ext"
done
t_run "verify: a CMS signature by a TLS server certificate refused" 1 \
	"$VIGIE" verify cms-server.json --ca ca.pem
t_grep "... for its purpose" "$SCRATCH/out" "certificat refusé : il n'est pas fait pour signer (il faut keyUsage digitalSignature"
t_run "verify: by a certificate without digitalSignature refused" 1 \
	"$VIGIE" verify cms-encipher.json --ca ca.pem
t_grep "... for its purpose" "$SCRATCH/out" "certificat refusé : il n'est pas fait pour signer"
t_run "verify: by a signing certificate accepted" 0 "$VIGIE" verify cms-signer.json --ca ca.pem
openssl cms -verify -binary -inform DER -in cms-server.json.p7s -content cms-server.json \
	-CAfile ca.pem -no-CApath -no-CAstore -out /dev/null 2>/dev/null &&
	t_notok "openssl cms -verify accepted the server certificate" ||
	t_ok "... as openssl cms -verify refuses it by default"

# ---- Point 4: an escaped key, "\u0073cores", read as "scores" by vigie only. ----
sed 's/^  "scores": {/  "\\u0073cores": {/' b1.json >esc.json
grep -q 'u0073cores' esc.json || t_notok "esc.json not made"
"$VIGIE" sign esc.json --key b.key >/dev/null || t_notok "sign esc"
t_run "verify: the signature of esc.json holds" 0 "$VIGIE" verify esc.json --pubkey b.pub
t_run "collect: a key written with an escape refused" 1 \
	"$VIGIE" collect --db s.db --trusted trusted esc.json
t_grep "... naming it" "$SCRATCH/out" 'la clé « \u0073cores » est écrite avec un échappement \'

# ---- Point 8: files created under umask 077 are not world-readable. ----
mkdir u
(
	umask 077
	cd u || exit 1
	card c.json 49002
	"$VIGIE" keygen --out k >/dev/null 2>&1
	"$VIGIE" sign c.json --key k.key >/dev/null
	"$VIGIE" summary --db ../s.db --csv s.csv >/dev/null
	"$VIGIE" report c.json --html r.html >/dev/null 2>&1
)
for f in u/c.json.minisig u/k.pub u/k.pub.pem u/s.csv u/r.html; do
	[ -e "$f" ] || { t_notok "umask 077: $f not made"; continue; }
	m=$(stat -c %a "$f")
	[ "$m" = 600 ] && t_ok "umask 077: $f is 0600" || t_notok "umask 077: $f is $m"
done
(umask 022 && "$VIGIE" sign b1.json --key b.key >/dev/null)
[ "$(stat -c %a b1.json.minisig)" = 644 ] && t_ok "umask 022: 0644 as before" ||
	t_notok "umask 022: $(stat -c %a b1.json.minisig)"

# ---- Point 9: what verify and collect print of untrusted text reaches no terminal raw. ----
esc=$(printf '\033')
evil=$(printf 'x\033]0;pwned\007\342\200\256.json')
card "$evil" 49002 2025-07-01T00:00:00Z
"$VIGIE" sign "$evil" --key b.key --signer "$(printf 'Mairie \302\233 31m \342\200\256 B')" \
	>/dev/null || t_notok "sign evil"
t_run "verify: a hostile file name and signer" 0 "$VIGIE" verify "$evil" --pubkey b.pub
if grep -q "$esc" "$SCRATCH/out" || grep -q "$(printf '\342\200\256')" "$SCRATCH/out" ||
	grep -q "$(printf '\302\233')" "$SCRATCH/out"; then
	t_notok "verify printed a raw control" "$(od -c "$SCRATCH/out" | head -5)"
else
	t_ok "verify printed no raw control"
fi
t_grep "... the path shown escaped" "$SCRATCH/out" 'x\x1B]0;pwned\x07\u202E.json'
t_grep "... the signer shown escaped" "$SCRATCH/out" 'signer="Mairie \u009B 31m \u202E B"'
t_run "collect: the same file" 0 "$VIGIE" collect --db s.db --trusted trusted "$evil"
grep -q "$esc" "$SCRATCH/out" && t_notok "collect printed a raw ESC" ||
	t_ok "collect printed no raw ESC"
t_grep "... the path shown escaped" "$SCRATCH/out" 'importée  x\x1B]0;pwned\x07\u202E.json'
# A decoded JSON key, in the refusal of an unknown key.
sed 's/^  "scores": {/  "\\u001b[31mred": 1, "scores": {/' b1.json >key.json
t_run "sign: refuses it" 1 "$VIGIE" sign key.json --key b.key
grep -q "$esc" "$SCRATCH/err" && t_notok "sign printed the decoded ESC raw" ||
	t_ok "sign printed the decoded key escaped"
t_grep "... as \\x1B" "$SCRATCH/err" "clé inconnue '\\x1B[31mred'"
minisign -S -s m.key -m key.json >/dev/null 2>&1 || t_notok "minisign key.json"
t_run "verify: an unknown key with an ESC" 1 "$VIGIE" verify key.json --pubkey m.pub
grep -q "$esc" "$SCRATCH/out" && t_notok "verify printed the decoded ESC raw" ||
	t_ok "verify printed the decoded key escaped"
t_grep "... as \\x1B" "$SCRATCH/out" "clé inconnue '\\x1B[31mred'"

# ---- Point 10: one encoding, one algorithm. ----
cp b1.json enc.json && cp b1.json.minisig enc.json.minisig
# Line 4 ends "X==": the last character keeps 4 unused bits; set the lowest.
# (A, Q, g, w are the characters whose low 4 bits are zero; B, R, h, x the next ones.)
last=$(sed -n 4p enc.json.minisig)
pre=${last%???}
c=${last#"$pre"}
c=${c%==}
n=$(printf '%s' "$c" | tr 'AQgw' 'BRhx')
[ "$n" != "$c" ] || t_notok "unexpected last character '$c'"
sed -i "4s|.*|$pre$n==|" enc.json.minisig
printf '%s\n' "$pre$n==" | base64 -d | cmp -s - "$(sed -n 4p b1.json.minisig | base64 -d >g.bin && echo g.bin)" &&
	t_ok "... the same 64 bytes to a lenient decoder" || t_notok "mutation changed the bytes"
t_run "verify: a global signature with non-zero unused base64 bits refused" 1 \
	"$VIGIE" verify enc.json --pubkey b.pub
t_grep "... on line 4" "$SCRATCH/out" "ligne 4 : ce n'est pas le base64 d'une signature globale"
cp b1.json l.json
minisign -S -l -s m.key -m l.json >/dev/null 2>&1 || t_notok "minisign -S -l"
t_run "verify: a legacy Ed signature refused" 1 "$VIGIE" verify l.json --pubkey m.pub
t_grep "... as legacy" "$SCRATCH/out" 'ancienne signature minisign (« Ed », minisign -l) refusée'

t_done
