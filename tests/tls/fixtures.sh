# TLS fixture servers on 127.0.0.1, shared by tests/cli/tls.sh and bench/tls/run.sh.
# Source this file, then:
#   tlsfx_start DIR   make a test PKI in DIR, start one server per deliberate property,
#                     write DIR/fixtures.txt: "NAME TARGET EXPECT" per line, where EXPECT is
#                     "clean" or comma-separated finding codes or "error:CODE"
#   tlsfx_stop        kill every server started (call it from an EXIT trap)
#   tlsfx_test_setup SCRATCH [TOOL...]   the start of a test (below)
#   fx NAME           the host:port of the fixture server NAME (after tlsfx_test_setup)
# Everything listens on 127.0.0.1 only, on free ports. Needs openssl, nginx, python3.
# shellcheck shell=sh

TLSFX_SRC=$(cd "$(dirname "${TLSFX_SELF:-$0}")" && pwd)
TLSFX_PY=python3
[ -x /usr/bin/python3 ] && TLSFX_PY=/usr/bin/python3
. "$TLSFX_SRC/nginx.sh"

tlsfx_stop() {
	[ -n "${TLSFX_DIR:-}" ] && [ -f "$TLSFX_DIR/pids" ] || return 0
	# A server already gone is no failure: under the callers' set -e, a kill that fails
	# in their EXIT trap would fail a test that had passed.
	while read -r pid; do
		kill "$pid" 2>/dev/null || true
	done <"$TLSFX_DIR/pids"
	if [ -f "$TLSFX_DIR/nginx/nginx.pid" ]; then
		kill "$(cat "$TLSFX_DIR/nginx/nginx.pid")" 2>/dev/null || true
	fi
	rm -f "$TLSFX_DIR/pids"
	return 0
}

# tlsfx_test_setup SCRATCH [TOOL...]: for tests/cli/*.sh: checks that openssl, nginx,
# python3 and the TOOLs are there (exit 1 saying which is missing), empties SCRATCH, starts
# the servers in SCRATCH/fx and stops them on exit. Sets FX (the fixtures list) and CA (the
# test root certificate).
tlsfx_test_setup() {
	_dir=$1
	shift
	for _tool in openssl nginx python3 "$@"; do
		command -v "$_tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
		command -v "$_tool" >/dev/null 2>&1 || {
			echo "FAIL: $_tool is missing (scripts/packages/test-*.txt; make test installs it)"
			exit 1
		}
	done
	rm -rf "$_dir" && mkdir -p "$_dir" || exit 1
	trap 'tlsfx_stop' EXIT
	trap 'exit 1' INT TERM HUP
	tlsfx_start "$_dir/fx" || { echo "FAIL: cannot start the fixture servers"; exit 1; }
	FX=$_dir/fx/fixtures.txt
	CA=$_dir/fx/pki/root.crt
}

# fx NAME: the host:port of the fixture server NAME (a line "NAME HOST:PORT" of $FX).
fx() { awk -v n="$1" '$1 == n { print $2 }' "$FX"; }

tlsfx_date() { # days from now, in openssl ca's format
	date -u -d "$1 days" +%Y%m%d%H%M%SZ
}

# tlsfx_leaf NAME CN BITS MD START_DAYS END_DAYS [SIGNER]: a leaf signed by SIGNER (int).
tlsfx_leaf() {
	_n=$1 _cn=$2 _bits=$3 _md=$4 _s=$5 _e=$6 _signer=${7:-int}
	openssl req -new -newkey "rsa:$_bits" -nodes -keyout "$_n.key" -out "$_n.csr" \
		-subj "/CN=$_cn" -addext "subjectAltName=DNS:$_cn" 2>/dev/null
	openssl ca -batch -config ca.cnf -name "ca_$_signer" -md "$_md" -notext \
		-startdate "$(tlsfx_date "$_s")" -enddate "$(tlsfx_date "$_e")" \
		-extensions leaf_ext -in "$_n.csr" -out "$_n.crt" 2>/dev/null ||
		{ echo "tlsfx: cannot issue $_n" >&2; return 1; }
}

tlsfx_pki() {
	mkdir -p "$TLSFX_DIR/pki" && cd "$TLSFX_DIR/pki" || return 1
	for ca in root int other; do
		mkdir -p "db_$ca" && : >"db_$ca/index.txt" && echo 1000 >"db_$ca/serial"
	done
	cat >ca.cnf <<CNF
[ca_root]
database = db_root/index.txt
serial = db_root/serial
new_certs_dir = db_root
certificate = root.crt
private_key = root.key
policy = pol
copy_extensions = copy
unique_subject = no
[ca_int]
database = db_int/index.txt
serial = db_int/serial
new_certs_dir = db_int
certificate = int.crt
private_key = int.key
policy = pol
copy_extensions = copy
unique_subject = no
[ca_other]
database = db_other/index.txt
serial = db_other/serial
new_certs_dir = db_other
certificate = other.crt
private_key = other.key
policy = pol
copy_extensions = copy
unique_subject = no
[pol]
commonName = supplied
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
[int_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
	openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.crt -days 3650 \
		-subj "/CN=Vigie Test Root CA" 2>/dev/null || return 1
	openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days 3650 \
		-subj "/CN=Unknown Test CA" 2>/dev/null || return 1
	openssl req -new -newkey rsa:2048 -nodes -keyout int.key -out int.csr \
		-subj "/CN=Vigie Test Intermediate CA" 2>/dev/null || return 1
	openssl ca -batch -config ca.cnf -name ca_root -md sha256 -notext -days 3650 \
		-extensions int_ext -in int.csr -out int.crt 2>/dev/null || return 1
	tlsfx_leaf good localhost 2048 sha256 -1 365 &&
		tlsfx_leaf expired localhost 2048 sha256 -60 -1 &&
		tlsfx_leaf notyet localhost 2048 sha256 10 400 &&
		tlsfx_leaf expiring localhost 2048 sha256 -30 10 &&
		tlsfx_leaf mismatch www.example.invalid 2048 sha256 -1 365 &&
		tlsfx_leaf rsa1024 localhost 1024 sha256 -1 365 &&
		tlsfx_leaf sha1 localhost 2048 sha1 -1 365 &&
		tlsfx_leaf untrusted localhost 2048 sha256 -1 365 other || return 1
	openssl req -x509 -newkey rsa:2048 -nodes -keyout self.key -out self.crt -days 365 \
		-subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" 2>/dev/null || return 1
	# NAME.chain: what the server sends after its own certificate.
	for n in good expired notyet expiring mismatch rsa1024 sha1; do
		cp int.crt "$n.chain"
		cat "$n.crt" int.crt >"$n.full"
	done
	cp other.crt untrusted.chain
	cp good.crt nochain.crt && cp good.key nochain.key
	cd - >/dev/null || return 1
}

# tlsfx_sserver NAME PORT PKI CIPHERS [EXTRA...]: openssl s_server -www with NAME's chain.
tlsfx_sserver() {
	_name=$1 _port=$2 _pki=$3 _ciphers=$4
	shift 4
	if [ -f "$TLSFX_DIR/pki/$_pki.chain" ]; then
		set -- -cert_chain "$TLSFX_DIR/pki/$_pki.chain" "$@"
	fi
	openssl s_server -accept "127.0.0.1:$_port" -www -quiet -naccept 100000 \
		-cert "$TLSFX_DIR/pki/$_pki.crt" -key "$TLSFX_DIR/pki/$_pki.key" \
		-cipher "$_ciphers" "$@" </dev/null >"$TLSFX_DIR/log/$_name.log" 2>&1 &
	echo $! >>"$TLSFX_DIR/pids"
}

tlsfx_nginx() { # NAME PORT: the good configuration, with HSTS
	mkdir -p "$TLSFX_DIR/nginx"
	cat >"$TLSFX_DIR/nginx/servers.conf" <<CONF
	server {
		listen 127.0.0.1:$2 ssl;
		server_name localhost;
		ssl_certificate $TLSFX_DIR/pki/good.full;
		ssl_certificate_key $TLSFX_DIR/pki/good.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305;
		ssl_prefer_server_ciphers on;
		add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
		location / { return 200 "vigie test\n"; }
	}
CONF
	fx_nginx "$TLSFX_DIR" "$TLSFX_DIR/log/$1.log" || { echo "tlsfx: nginx failed" >&2; return 1; }
}

tlsfx_start() {
	TLSFX_DIR=$1
	mkdir -p "$TLSFX_DIR/log" && : >"$TLSFX_DIR/pids" || return 1
	tlsfx_pki || return 1
	# shellcheck disable=SC2046
	set -- $($TLSFX_PY "$TLSFX_SRC/peers.py" freeports 25)
	strong='ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256'
	f="$TLSFX_DIR/fixtures.txt"
	: >"$f"
	tlsfx_nginx good "$1" || return 1
	echo "good localhost:$1 clean" >>"$f"
	tlsfx_sserver nohsts "$2" good "$strong" -serverpref
	echo "nohsts localhost:$2 hsts_missing" >>"$f"
	tlsfx_sserver tls10 "$3" good "ECDHE-RSA-AES128-SHA:$strong:@SECLEVEL=0" -serverpref
	echo "tls10 localhost:$3 proto_tls10,proto_tls11" >>"$f"
	tlsfx_sserver cbcsha1 "$4" good "ECDHE-RSA-AES128-SHA:$strong"
	echo "cbcsha1 localhost:$4 suite_cbc_sha1,suite_client_order" >>"$f"
	tlsfx_sserver nofs "$5" good "AES128-GCM-SHA256:$strong" -serverpref
	echo "nofs localhost:$5 suite_no_forward_secrecy" >>"$f"
	tlsfx_sserver null "$6" good "ECDHE-RSA-NULL-SHA:$strong:@SECLEVEL=0" -serverpref
	echo "null localhost:$6 suite_null" >>"$f"
	tlsfx_sserver anon "$7" good "AECDH-AES128-SHA:$strong:@SECLEVEL=0" -serverpref
	echo "anon localhost:$7 suite_anonymous" >>"$f"
	tlsfx_sserver expired "$8" expired "$strong" -serverpref
	echo "expired localhost:$8 cert_expired" >>"$f"
	tlsfx_sserver notyet "$9" notyet "$strong" -serverpref
	echo "notyet localhost:$9 cert_not_yet_valid" >>"$f"
	shift 9
	tlsfx_sserver expiring "$1" expiring "$strong" -serverpref
	echo "expiring localhost:$1 cert_expiring_soon" >>"$f"
	tlsfx_sserver selfsigned "$2" self "$strong" -serverpref
	echo "selfsigned localhost:$2 cert_self_signed" >>"$f"
	tlsfx_sserver untrusted "$3" untrusted "$strong" -serverpref
	echo "untrusted localhost:$3 cert_untrusted" >>"$f"
	tlsfx_sserver nochain "$4" nochain "$strong" -serverpref
	echo "nochain localhost:$4 cert_chain_incomplete" >>"$f"
	tlsfx_sserver mismatch "$5" mismatch "$strong" -serverpref
	echo "mismatch localhost:$5 cert_hostname_mismatch" >>"$f"
	tlsfx_sserver rsa1024 "$6" rsa1024 "$strong:@SECLEVEL=0" -serverpref
	echo "rsa1024 localhost:$6 cert_weak_key" >>"$f"
	tlsfx_sserver sha1 "$7" sha1 "$strong:@SECLEVEL=0" -serverpref
	echo "sha1 localhost:$7 cert_weak_signature" >>"$f"
	$TLSFX_PY "$TLSFX_SRC/peers.py" smtp "$8" "$TLSFX_DIR/pki/good.full" \
		"$TLSFX_DIR/pki/good.key" >"$TLSFX_DIR/log/smtp.log" 2>&1 &
	echo $! >>"$TLSFX_DIR/pids"
	echo "smtp smtp://localhost:$8 clean" >>"$f"
	$TLSFX_PY "$TLSFX_SRC/peers.py" silent "$9" >"$TLSFX_DIR/log/silent.log" 2>&1 &
	echo $! >>"$TLSFX_DIR/pids"
	echo "silent 127.0.0.1:$9 error:timeout" >>"$f"
	shift 9
	$TLSFX_PY "$TLSFX_SRC/peers.py" http "$1" >"$TLSFX_DIR/log/http.log" 2>&1 &
	echo $! >>"$TLSFX_DIR/pids"
	echo "plainhttp 127.0.0.1:$1 error:plain_http" >>"$f"
	$TLSFX_PY "$TLSFX_SRC/peers.py" garbage "$2" >"$TLSFX_DIR/log/garbage.log" 2>&1 &
	echo $! >>"$TLSFX_DIR/pids"
	echo "garbage 127.0.0.1:$2 error:not_tls" >>"$f"
	# $3 is left closed on purpose.
	echo "closed 127.0.0.1:$3 error:connect_refused" >>"$f"
	for proto in imap pop3; do
		[ "$proto" = imap ] && port=$4 || port=$5
		$TLSFX_PY "$TLSFX_SRC/peers.py" "$proto" "$port" "$TLSFX_DIR/pki/good.full" \
			"$TLSFX_DIR/pki/good.key" >"$TLSFX_DIR/log/$proto.log" 2>&1 &
		echo $! >>"$TLSFX_DIR/pids"
		echo "$proto $proto://localhost:$port clean" >>"$f"
	done
	$TLSFX_PY "$TLSFX_SRC/peers.py" close "$6" >"$TLSFX_DIR/log/close.log" 2>&1 &
	echo $! >>"$TLSFX_DIR/pids"
	echo "closer 127.0.0.1:$6 error:connection_closed" >>"$f"
	# shellcheck disable=SC2046
	$TLSFX_PY "$TLSFX_SRC/peers.py" waitports $(awk '$3 != "error:connect_refused" {
		n = split($2, a, ":"); print a[n] }' "$f") || return 1
}
