#!/bin/sh
# Keys: modes, refusals, passphrases, never a prompt without a terminal, and the prompt
# itself on a real terminal (tmux).
set -u
VIGIE=$1 SRC=$2 T=$3
rm -rf "$T" && mkdir -p "$T" && cd "$T" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
mode() { stat -c %a "$1"; }
unset VIGIE_PASSPHRASE
cp "$SRC/tests/data/scorecard/good-saint-exemple.json" card.json

# Created 0600 whatever the umask; public keys 0644 minus the umask; never overwritten.
(umask 000 && "$VIGIE" keygen --out k </dev/null >/dev/null) || fail keygen
[ "$(mode k.key)" = 600 ] || fail "secret key mode $(mode k.key)"
[ "$(mode k.pub)" = 644 ] && [ "$(mode k.pub.pem)" = 644 ] || fail "public key modes"
head -n 1 k.key | grep -q -- "-----BEGIN PRIVATE KEY-----" || fail "not PEM PKCS#8"
cp k.key k.key.orig
"$VIGIE" keygen --out k </dev/null >/dev/null 2>err.txt && fail "overwrote a key"
grep -q "existe déjà" err.txt || fail "overwrite message: $(cat err.txt)"
cmp -s k.key k.key.orig || fail "existing key changed"

# Default prefix: $XDG_CONFIG_HOME/vigie/vigie, directory 0700; then ~/.config.
XDG_CONFIG_HOME=$T/xdg "$VIGIE" keygen </dev/null >/dev/null || fail "keygen default"
[ -f xdg/vigie/vigie.key ] && [ -f xdg/vigie/vigie.pub ] || fail "default prefix"
[ "$(mode xdg/vigie)" = 700 ] || fail "config dir mode $(mode xdg/vigie)"
XDG_CONFIG_HOME=$T/xdg "$VIGIE" sign card.json >/dev/null || fail "sign with the default key"
"$VIGIE" verify card.json --pubkey xdg/vigie/vigie.pub >/dev/null || fail "default key verify"
# verify without a key to check against: a usage error (exit 2), French by default.
"$VIGIE" verify card.json >/dev/null 2>err.txt
[ $? = 2 ] || fail "verify without a key: exit not 2"
grep -q "donnez --pubkey FICHIER, --trusted DOSSIER ou --ca FICHIER" err.txt || fail "$(cat err.txt)"
"$VIGIE" --lang en verify card.json >/dev/null 2>err.en
grep -q "give --pubkey FILE, --trusted DIR or --ca FILE" err.en || fail "$(cat err.en)"
# Without --signer, the organisation's name signs: an empty one is refused, saying which.
sed 's/"name": "Mairie de Saint-Exemple"/"name": ""/' card.json >noname.json
XDG_CONFIG_HOME=$T/xdg "$VIGIE" sign noname.json >/dev/null 2>err.txt && fail "signed with no name"
grep -q "le nom du signataire (celui de la collectivité dans la fiche) doit faire de 1 à" err.txt ||
	fail "$(cat err.txt)"
XDG_CONFIG_HOME=$T/xdg "$VIGIE" --lang en sign noname.json >/dev/null 2>err.en && fail "signed (en)"
grep -q "the signer name must" err.en || fail "$(cat err.en)"
mkdir home && env -u XDG_CONFIG_HOME HOME=$T/home "$VIGIE" keygen </dev/null >/dev/null ||
	fail "keygen with HOME"
[ -f home/.config/vigie/vigie.key ] || fail "HOME fallback"

# A secret key others can read is refused, in one sentence; so is a symlink.
chmod 644 k.key
"$VIGIE" sign card.json --key k.key >/dev/null 2>err.txt && fail "signed with a 0644 key"
grep -q "la clé secrète est accessible aux autres utilisateurs (mode 0644)" err.txt || fail "$(cat err.txt)"
# French by default, English with --lang en (issue 15, point 9).
"$VIGIE" --lang en sign card.json --key k.key >/dev/null 2>err.en && fail "signed with a 0644 key (en)"
grep -q "secret key is accessible to other users (mode 0644)" err.en || fail "$(cat err.en)"
[ "$(wc -l <err.txt)" = 1 ] || fail "more than one line: $(cat err.txt)"
chmod 600 k.key
ln -s k.key link.key
"$VIGIE" sign card.json --key link.key >/dev/null 2>err.txt && fail "followed a symlink"
grep -q "lien symbolique" err.txt || fail "$(cat err.txt)"

# Passphrases from VIGIE_PASSPHRASE (scripts and tests).
VIGIE_PASSPHRASE='une phrase de passe' "$VIGIE" keygen --out e --passphrase </dev/null \
	>/dev/null || fail "keygen --passphrase"
head -n 1 e.key | grep -q -- "-----BEGIN ENCRYPTED PRIVATE KEY-----" || fail "not encrypted"
openssl asn1parse -in e.key | grep -q PBES2 || fail "not PBES2"
openssl asn1parse -in e.key | grep -q aes-256-cbc || fail "not AES-256-CBC"
# scrypt, not PBKDF2 with 2,048 iterations (issue 16, point 7): N = 16384, r = 8, p = 1.
openssl asn1parse -in e.key | grep -q ':scrypt$' || fail "not scrypt: $(openssl asn1parse -in e.key)"
openssl asn1parse -in e.key | grep -q 'INTEGER *:4000$' || fail "scrypt N is not 16384"
openssl asn1parse -in e.key | grep -q PBKDF2 && fail "still PBKDF2"
openssl pkey -in e.key -passin 'pass:une phrase de passe' -noout || fail "openssl cannot read it"
# A key written before (PBKDF2, 2,048 iterations; a test fixture) still loads and signs.
cp "$SRC/tests/data/keys/test-fixture-old-pbkdf2-2048.key" old.key && chmod 600 old.key
openssl asn1parse -in old.key | grep -q PBKDF2 || fail "the fixture is not an old PBKDF2 key"
VIGIE_PASSPHRASE='fixture de test' "$VIGIE" sign card.json --key old.key >/dev/null ||
	fail "an old PBKDF2 key no longer loads"
"$VIGIE" verify card.json --pubkey "$SRC/tests/data/keys/test-fixture-old-pbkdf2-2048.pub" \
	>/dev/null || fail "verify with the old key's .pub"
VIGIE_PASSPHRASE='une phrase de passe' "$VIGIE" sign card.json --key e.key >/dev/null ||
	fail "sign with the passphrase"
"$VIGIE" verify card.json --pubkey e.pub >/dev/null || fail "verify e"
VIGIE_PASSPHRASE=mauvaise "$VIGIE" sign card.json --key e.key >/dev/null 2>err.txt &&
	fail "signed with a wrong passphrase"
grep -q "e.key : mauvaise phrase de passe" err.txt || fail "wrong passphrase message: $(cat err.txt)"

# Without a terminal and without VIGIE_PASSPHRASE: a clear failure, never a prompt.
setsid -w "$VIGIE" sign card.json --key e.key </dev/null >out.txt 2>err.txt && fail "no tty sign"
grep -q "aucun terminal ne permet de la demander : définissez VIGIE_PASSPHRASE" err.txt || fail "$(cat err.txt)"
[ ! -s out.txt ] || fail "output without a terminal: $(cat out.txt)"
setsid -w "$VIGIE" keygen --out n --passphrase </dev/null >/dev/null 2>err.txt && fail "no tty keygen"
grep -q "aucun terminal" err.txt || fail "$(cat err.txt)"
[ ! -e n.key ] && [ ! -e n.pub ] || fail "keygen left files behind"
# An unencrypted key never needs one.
setsid -w "$VIGIE" sign card.json --key k.key </dev/null >/dev/null || fail "unencrypted key"

# On a terminal: asked twice, echo off (tmux).
if command -v tmux >/dev/null; then
	# A server of its own for each run: a new session on a socket whose server was just
	# killed races the dying server ("server exited unexpectedly").
	S="vigie-keys-$$-1"
	wait_for() {
		i=0
		while ! tmux -L "$S" capture-pane -J -p -t k | grep -q "$1"; do
			i=$((i + 1))
			[ $i -gt 100 ] && { tmux -L "$S" capture-pane -J -p -t k; tmux -L "$S" kill-server; fail "no '$1'"; }
			sleep 0.1
		done
	}
	tmux -L "$S" -f /dev/null new-session -d -s k -x 80 -y 24 sh -c \
		'env -u VIGIE_PASSPHRASE "$1" keygen --out "$2/tty" --passphrase; sleep 30' sh "$VIGIE" "$T"
	wait_for "Nouvelle phrase de passe :"
	tmux -L "$S" send-keys -t k "secret-tty" Enter
	wait_for "Confirmez la phrase de passe :"
	tmux -L "$S" send-keys -t k "secret-tty" Enter
	wait_for "Fingerprint\|Empreinte"
	tmux -L "$S" capture-pane -J -p -t k | grep -q "secret-tty" && fail "passphrase echoed"
	tmux -L "$S" kill-server
	VIGIE_PASSPHRASE=secret-tty "$VIGIE" sign card.json --key tty.key >/dev/null ||
		fail "the passphrase typed on the terminal does not open the key"
	# Signing asks for it on the terminal too, in the language chosen (here English).
	cp card.json card2.json
	S="vigie-keys-$$-2"
	tmux -L "$S" -f /dev/null new-session -d -s k -x 80 -y 24 sh -c \
		'env -u VIGIE_PASSPHRASE "$1" --lang en sign "$2/card2.json" --key "$2/tty.key"; echo sign-rc=$?; sleep 30' sh "$VIGIE" "$T"
	wait_for "Passphrase for .*tty.key:"
	tmux -L "$S" send-keys -t k "secret-tty" Enter
	wait_for "sign-rc="
	tmux -L "$S" capture-pane -J -p -t k | grep -q "sign-rc=0" || fail "sign on a terminal: $(tmux -L "$S" capture-pane -J -p -t k)"
	tmux -L "$S" kill-server
	[ -s card2.json.minisig ] || fail "no signature after the passphrase was typed"
	# Ctrl-C at the prompt: vigie stops, echo is back on, no key is left.
	S="vigie-keys-$$-3"
	tmux -L "$S" -f /dev/null new-session -d -s k -x 80 -y 24 sh -c \
		'trap : INT; env -u VIGIE_PASSPHRASE "$1" keygen --out "$2/int" --passphrase; stty -a >"$2/stty.txt"; echo stty-done; sleep 30' sh "$VIGIE" "$T"
	wait_for "Nouvelle phrase de passe :"
	tmux -L "$S" send-keys -t k "abc" C-c
	wait_for "stty-done"
	tmux -L "$S" kill-server
	grep -q -- "-echo " stty.txt && fail "echo left off after Ctrl-C"
	grep -q " echo " stty.txt || fail "no echo setting in: $(cat stty.txt)"
	[ ! -e int.key ] || fail "a key was written after Ctrl-C"
else
	fail "tmux is not installed (scripts/packages/test-sign.txt)"
fi
echo "ok"
