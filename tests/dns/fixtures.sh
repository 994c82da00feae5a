# DNS fixtures on 127.0.0.1 for tests/cli/dns*.sh and bench/dns: test zones under .vigietest (unbound answers NXDOMAIN for .test itself, RFC 6761), one
# property each, signed with keys made here (ldns-keygen, ldns-signzone) and served by NSD
# on a free port; the MTA-STS policies served over HTTPS by nginx with a test CA; a UDP
# port that never answers. Source this file, then:
#   dnsfx_start DIR   write DIR/fixtures.txt ("NAME DOMAIN EXPECT" per line, EXPECT "clean",
#                     comma-separated finding codes or "error:CODE") and DIR/env (RESOLVER,
#                     ANCHOR, CA, STS_PORT, SILENT, CLOSED, SMTP_PORT, SMTP_PLAIN), start
#                     the servers
#   dnsfx_stop        stop them (call it from an EXIT trap)
# Needs nsd, ldns-keygen, ldns-signzone, dig, nginx, openssl, python3.
# shellcheck shell=sh

DNSFX_SRC=$(cd "$(dirname "${DNSFX_SELF:-$0}")" && pwd)
DNSFX_PY=python3
[ -x /usr/bin/python3 ] && DNSFX_PY=/usr/bin/python3
PATH=$PATH:/usr/sbin
. "$DNSFX_SRC/../tls/nginx.sh"

dnsfx_stop() {
	[ -n "${DNSFX_DIR:-}" ] || return 0
	# A server already gone is no failure (see tlsfx_stop).
	if [ -f "$DNSFX_DIR/pids" ]; then
		while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$DNSFX_DIR/pids"
	fi
	if [ -f "$DNSFX_DIR/nsd.pid" ]; then
		kill "$(cat "$DNSFX_DIR/nsd.pid" 2>/dev/null)" 2>/dev/null || true
	fi
	if [ -f "$DNSFX_DIR/nginx/nginx.pid" ]; then
		kill "$(cat "$DNSFX_DIR/nginx/nginx.pid")" 2>/dev/null || true
	fi
	rm -f "$DNSFX_DIR/pids"
	return 0
}

# dnsfx_zone NAME: the good zone's records for NAME, one per line, each tagged with a key
# (first word) so that a fixture can drop or replace one with sed.
dnsfx_zone() {
	cat <<ZONE
soa @ 300 IN SOA ns.$1. hostmaster.$1. 1 3600 600 86400 300
ns @ 300 IN NS ns.$1.
nsa ns 300 IN A 127.0.0.1
mx @ 300 IN MX 10 mail.$1.
mxa mail 300 IN A 127.0.0.1
spf @ 300 IN TXT "v=spf1 mx ip4:127.0.0.1 -all"
other @ 300 IN TXT "google-site-verification=vigie-test"
dmarc _dmarc 300 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@$1"
dkim default._domainkey 300 IN TXT "v=DKIM1; k=rsa; " "p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvigietestkey"
sts _mta-sts 300 IN TXT "v=STSv1; id=20261206T000000"
stsa mta-sts 300 IN A 127.0.0.1
tlsrpt _smtp._tls 300 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@$1"
caa @ 300 IN CAA 0 issue "letsencrypt.org"
ZONE
}

# dnsfx_fixture NAME EXPECT ANCHOR SED: zone NAME.vigietest from the good one edited by SED (a
# sed script over the tagged lines), signed unless ANCHOR is "unsigned"; its DS goes into
# the trust anchor file when ANCHOR is "anchor".
dnsfx_fixture() {
	_n=$1 _d=$1.vigietest _expect=$2 _anchor=$3 _sed=$4
	{
		echo "\$ORIGIN $_d."
		dnsfx_zone "$_d" | sed -e "$_sed" | sed 's/^[a-z0-9]* //'
	} >"$DNSFX_DIR/zones/$_d.zone"
	_file=$_d.zone
	if [ "$_anchor" != unsigned ]; then
		(cd "$DNSFX_DIR/keys" && ldns-keygen -a ECDSAP256SHA256 -k "$_d" >"$_d.name") ||
			return 1
		_key=$(cat "$DNSFX_DIR/keys/$_d.name")
		ldns-signzone -f "$DNSFX_DIR/zones/$_d.zone.signed" "$DNSFX_DIR/zones/$_d.zone" \
			"$DNSFX_DIR/keys/$_key" || return 1
		_file=$_d.zone.signed
		[ "$_anchor" = anchor ] && cat "$DNSFX_DIR/keys/$_key.ds" >>"$DNSFX_DIR/anchor.ds"
	fi
	printf 'zone:\n\tname: %s\n\tzonefile: %s\n' "$_d" "$_file" >>"$DNSFX_DIR/nsd.conf"
	echo "$_n $_d $_expect" >>"$DNSFX_DIR/fixtures.txt"
}

# dnsfx_policy NAME BODY: what https://mta-sts.NAME.vigietest/.well-known/mta-sts.txt returns.
dnsfx_policy() {
	cat >>"$DNSFX_DIR/nginx/servers.conf" <<CONF
	server {
		listen 127.0.0.1:$DNSFX_STS_PORT ssl;
		server_name mta-sts.$1.vigietest;
		ssl_certificate $DNSFX_DIR/pki/sts.crt;
		ssl_certificate_key $DNSFX_DIR/pki/sts.key;
		location = /.well-known/mta-sts.txt { default_type text/plain; return 200 "$2"; }
		location / { return 404; }
	}
CONF
}

dnsfx_pki() {
	mkdir -p "$DNSFX_DIR/pki" && cd "$DNSFX_DIR/pki" || return 1
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-subj "/CN=vigie DNS test CA" -keyout ca.key -out ca.crt \
		-addext basicConstraints=critical,CA:true -addext keyUsage=keyCertSign 2>/dev/null ||
		return 1
	_sans=
	for _z in $DNSFX_NAMES; do
		_sans="${_sans}${_sans:+,}DNS:mta-sts.$_z.vigietest"
	done
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=mta-sts" \
		-keyout sts.key -out sts.csr 2>/dev/null || return 1
	printf 'subjectAltName=%s\nbasicConstraints=CA:false\n' "$_sans" >sts.ext
	openssl x509 -req -in sts.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
		-extfile sts.ext -out sts.crt 2>/dev/null || return 1
	# The mail servers' certificate (their STARTTLS), valid a year: no finding of its own.
	_sans=
	for _z in $DNSFX_NAMES; do
		_sans="${_sans}${_sans:+,}DNS:mail.$_z.vigietest"
	done
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=mail" \
		-keyout mx.key -out mx.csr 2>/dev/null || return 1
	printf 'subjectAltName=%s\nbasicConstraints=CA:false\n' "$_sans" >mx.ext
	openssl x509 -req -in mx.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
		-extfile mx.ext -out mx.crt 2>/dev/null || return 1
	cd - >/dev/null || return 1
}

dnsfx_start() {
	DNSFX_DIR=$1
	rm -rf "$DNSFX_DIR"
	mkdir -p "$DNSFX_DIR/zones" "$DNSFX_DIR/keys" "$DNSFX_DIR/nginx" "$DNSFX_DIR/log" &&
		: >"$DNSFX_DIR/pids" && : >"$DNSFX_DIR/fixtures.txt" && : >"$DNSFX_DIR/anchor.ds" ||
		return 1
	DNSFX_NAMES="good nospf twospf plusall softall lookups11 nodmarc dmarcnone badspf nodkim
		ownselector unsigned nochain nocaa nosts stsnopolicy ststesting stsmismatch bogus"
	dnsfx_pki || { echo "dnsfx: cannot make the test PKI" >&2; return 1; }
	# shellcheck disable=SC2046
	set -- $($DNSFX_PY "$DNSFX_SRC/../tls/peers.py" freeports 6)
	DNSFX_PORT=$1 DNSFX_STS_PORT=$2 DNSFX_SILENT=$3 DNSFX_CLOSED=$4 DNSFX_SMTP=$5 DNSFX_SMTP_PLAIN=$6
	cat >"$DNSFX_DIR/nsd.conf" <<CONF
server:
	ip-address: 127.0.0.1@$DNSFX_PORT
	do-ip6: no
	username: ""
	chroot: ""
	zonesdir: "$DNSFX_DIR/zones"
	database: ""
	zonelistfile: "$DNSFX_DIR/zone.list"
	xfrdfile: "$DNSFX_DIR/xfrd.state"
	xfrdir: "$DNSFX_DIR"
	pidfile: "$DNSFX_DIR/nsd.pid"
	logfile: "$DNSFX_DIR/log/nsd.log"
	server-count: 1
	verbosity: 1
remote-control:
	control-enable: no
CONF
	: >"$DNSFX_DIR/nginx/servers.conf"
	# One property each (sed scripts over the tagged lines of dnsfx_zone).
	dnsfx_fixture good clean anchor '' || return 1
	dnsfx_fixture nospf spf_missing anchor '/^spf /d' || return 1
	dnsfx_fixture twospf spf_multiple anchor \
		'/^spf /a spf2 @ 300 IN TXT "v=spf1 ip4:127.0.0.2 -all"' || return 1
	dnsfx_fixture plusall spf_plus_all anchor 's/^spf .*/spf @ 300 IN TXT "v=spf1 mx +all"/' ||
		return 1
	dnsfx_fixture softall spf_softfail anchor 's/-all"/~all"/' || return 1
	# 11 lookups: a, mx and two includes here (4), a mx ptr (3), a mx a: mx: (4).
	dnsfx_fixture lookups11 spf_too_many_lookups anchor \
		's/^spf .*/spf @ 300 IN TXT "v=spf1 a mx include:i1.lookups11.vigietest include:i2.lookups11.vigietest -all"\
i1 i1 300 IN TXT "v=spf1 a mx ptr -all"\
i2 i2 300 IN TXT "v=spf1 a mx a:x.lookups11.vigietest mx:y.lookups11.vigietest -all"/' || return 1
	dnsfx_fixture nodmarc dmarc_missing anchor '/^dmarc /d' || return 1
	dnsfx_fixture dmarcnone dmarc_none anchor 's/p=reject/p=none/' || return 1
	dnsfx_fixture badspf spf_syntax anchor 's/ip4:127.0.0.1/ip4:127.0.0.300/' || return 1
	dnsfx_fixture nodkim dkim_not_found anchor '/^dkim /d' || return 1
	dnsfx_fixture ownselector dkim_not_found anchor 's/^dkim default/dkim mairie2026/' ||
		return 1
	dnsfx_fixture unsigned dnssec_unsigned unsigned '' || return 1
	dnsfx_fixture nochain dnssec_no_chain noanchor '' || return 1
	dnsfx_fixture nocaa caa_missing anchor '/^caa /d' || return 1
	dnsfx_fixture nosts mta_sts_missing,tlsrpt_missing anchor '/^sts /d;/^stsa /d;/^tlsrpt /d' ||
		return 1
	dnsfx_fixture stsnopolicy mta_sts_invalid anchor '' || return 1
	dnsfx_fixture ststesting mta_sts_testing anchor '' || return 1
	dnsfx_fixture stsmismatch mta_sts_mx_mismatch anchor '' || return 1
	dnsfx_fixture bogus dnssec_bogus anchor '' || return 1
	# Bogus: the signed SPF record is changed after signing.
	sed -i 's/v=spf1 mx ip4:127.0.0.1 -all/v=spf1 mx ip4:127.0.0.9 -all/' \
		"$DNSFX_DIR/zones/bogus.vigietest.zone.signed"
	# SERVFAIL: NSD answers SERVFAIL for a zone it is configured for but cannot load.
	printf 'zone:\n\tname: servfail.vigietest\n\tzonefile: missing.zone\n' >>"$DNSFX_DIR/nsd.conf"
	echo "servfail servfail.vigietest error:servfail" >>"$DNSFX_DIR/fixtures.txt"
	echo "nxdomain nx.good.vigietest error:nxdomain" >>"$DNSFX_DIR/fixtures.txt"
	# Every zone's policy is the good one, but for these three.
	cat >>"$DNSFX_DIR/nginx/servers.conf" <<'CONF'
	server {
		listen 127.0.0.1:STSPORT ssl;
		server_name ~^mta-sts\.(?<zone>[a-z0-9]+)\.vigietest$;
		ssl_certificate PKI/sts.crt;
		ssl_certificate_key PKI/sts.key;
		location = /.well-known/mta-sts.txt {
			default_type text/plain;
			return 200 "version: STSv1\nmode: enforce\nmx: mail.$zone.vigietest\nmax_age: 86400\n";
		}
		location / { return 404; }
	}
CONF
	sed -i "s|STSPORT|$DNSFX_STS_PORT|; s|PKI|$DNSFX_DIR/pki|" "$DNSFX_DIR/nginx/servers.conf"
	cat >>"$DNSFX_DIR/nginx/servers.conf" <<CONF
	server {
		listen 127.0.0.1:$DNSFX_STS_PORT ssl;
		server_name mta-sts.stsnopolicy.vigietest;
		ssl_certificate $DNSFX_DIR/pki/sts.crt;
		ssl_certificate_key $DNSFX_DIR/pki/sts.key;
		location / { return 404; }
	}
CONF
	dnsfx_policy ststesting 'version: STSv1\nmode: testing\nmx: mail.ststesting.vigietest\nmax_age: 86400\n'
	dnsfx_policy stsmismatch 'version: STSv1\nmode: enforce\nmx: *.other.vigietest\nmax_age: 86400\n'
	cat >>"$DNSFX_DIR/nginx/servers.conf" <<CONF
	ssl_protocols TLSv1.2 TLSv1.3;
	server {
		listen 127.0.0.1:$DNSFX_STS_PORT ssl default_server;
		server_name _;
		ssl_certificate $DNSFX_DIR/pki/sts.crt;
		ssl_certificate_key $DNSFX_DIR/pki/sts.key;
		location / { return 404; }
	}
CONF
	fx_nginx "$DNSFX_DIR" "$DNSFX_DIR/log/nginx.out" || { echo "dnsfx: nginx failed" >&2; return 1; }
	nsd -d -c "$DNSFX_DIR/nsd.conf" >"$DNSFX_DIR/log/nsd.out" 2>&1 &
	echo $! >>"$DNSFX_DIR/pids"
	# A UDP port that reads and never answers (the resolver that times out).
	$DNSFX_PY -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    s.recv(4096)' "$DNSFX_SILENT" >"$DNSFX_DIR/log/silent.log" 2>&1 &
	echo $! >>"$DNSFX_DIR/pids"
	# Every zone's MX is mail.ZONE at 127.0.0.1: an SMTP server with STARTTLS (the test CA's
	# certificate) and one without, on SMTP_PORT and SMTP_PLAIN.
	$DNSFX_PY "$DNSFX_SRC/../tls/peers.py" smtp "$DNSFX_SMTP" "$DNSFX_DIR/pki/mx.crt" \
		"$DNSFX_DIR/pki/mx.key" >"$DNSFX_DIR/log/smtp.log" 2>&1 &
	echo $! >>"$DNSFX_DIR/pids"
	$DNSFX_PY "$DNSFX_SRC/../tls/peers.py" smtpplain "$DNSFX_SMTP_PLAIN" \
		>"$DNSFX_DIR/log/smtpplain.log" 2>&1 &
	echo $! >>"$DNSFX_DIR/pids"
	cat >"$DNSFX_DIR/env" <<ENV
RESOLVER=127.0.0.1@$DNSFX_PORT
ANCHOR=$DNSFX_DIR/anchor.ds
CA=$DNSFX_DIR/pki/ca.crt
STS_PORT=$DNSFX_STS_PORT
SILENT=127.0.0.1@$DNSFX_SILENT
CLOSED=127.0.0.1@$DNSFX_CLOSED
SMTP_PORT=$DNSFX_SMTP
SMTP_PLAIN=$DNSFX_SMTP_PLAIN
ENV
	# Ready when NSD answers for the last zone and nginx listens.
	_i=0
	until dig +time=1 +tries=1 -p "$DNSFX_PORT" @127.0.0.1 bogus.vigietest SOA 2>/dev/null |
		grep -q 'status: NOERROR'; do
		_i=$((_i + 1))
		[ $_i -gt 100 ] && { echo "dnsfx: nsd never answered" >&2; cat "$DNSFX_DIR/log/nsd.out" "$DNSFX_DIR/log/nsd.log" >&2; return 1; }
		sleep 0.1
	done
	$DNSFX_PY "$DNSFX_SRC/../tls/peers.py" waitports "$DNSFX_STS_PORT" "$DNSFX_SMTP" \
		"$DNSFX_SMTP_PLAIN" || return 1
}
