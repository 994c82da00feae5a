# shellcheck shell=sh
# A test PKI for the CMS (.p7s) signatures of the sign tests (sourced, not a test itself):
# ECDSA P-256 keys, files in the current directory. Each function returns non-zero when
# openssl fails; the caller says what failed.
#   cms_ca NAME SUBJECT          NAME.key, NAME.pem: a self-signed CA (extensions v3_ca)
#   cms_req NAME SUBJECT         NAME.key (0600) and its request NAME.csr
#   cms_cert NAME CA EXT OUT     OUT: NAME.csr signed by CA for 10 days, extensions EXT
# Extensions of ca.cnf: leaf (a signer: digitalSignature, no extendedKeyUsage, see
# FIELD-NOTES), signer (the same without key identifiers), server (a TLS server's),
# encipher (keyEncipherment only); sections ca and tca for `openssl ca -config ca.cnf`
# (a database index.txt and a serial file the caller makes).
cms_cnf() {
	cat >ca.cnf <<'CNF'
[req]
distinguished_name = dn
[dn]
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
[encipher]
basicConstraints = CA:FALSE
keyUsage = critical,keyEncipherment
[ca]
default_ca = tca
[tca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = pol
x509_extensions = leaf
unique_subject = no
[pol]
commonName = supplied
CNF
}

cms_ca() {
	cms_cnf
	openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$1.key" -out "$1.pem" -days 30 -subj "$2" -config ca.cnf -extensions v3_ca \
		2>/dev/null
}

cms_req() {
	cms_cnf
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" \
		-out "$1.csr" -subj "$2" -config ca.cnf 2>/dev/null && chmod 600 "$1.key"
}

cms_cert() {
	openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -days 10 \
		-out "$4" -extfile ca.cnf -extensions "$3" 2>/dev/null
}
