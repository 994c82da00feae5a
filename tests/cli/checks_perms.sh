#!/bin/sh
# vigie check on a fixture root with every permission problem the default profile looks
# for, plus symlink loops, FIFOs, devices, unreadable directories and paths far longer
# than PATH_MAX. Every planted issue must be found, and nothing else: as root, and as
# nobody (where unreadable directories become warnings).
# Usage: sh checks_perms.sh VIGIE SOURCE_DIR SCRATCH_DIR
set -eu
VIGIE=$1
SRC=$2
SCRATCH=$3
fail=0

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
chmod 0755 "$SCRATCH"
R=$SCRATCH/root
mkdir "$R"
chmod 0755 "$R"

err() {
	echo "FAIL: $*" >&2
	fail=1
}

# ---- the fixture ----
me=$(id -u)
mygid=$(id -g)
mkdir -p "$R/etc/ssh/sshd_config.d" "$R/etc/ssl/private" "$R/etc/cron.d" "$R/etc/sudoers.d" \
	"$R/usr/bin" "$R/usr/local/bin" "$R/opt" "$R/srv/share" "$R/srv/certs" "$R/srv/secret" \
	"$R/home/alice/.ssh" "$R/home/bob/.ssh" "$R/root" "$R/tmp" "$R/var/lib"
cat >"$R/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
alice:x:1000:1000:Alice:/home/alice:/bin/bash
bob:x:1001:1001:Bob:/home/bob:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
runner:x:$me:$mygid::/nonexistent:/bin/sh
EOF
cat >"$R/etc/group" <<EOF
root:x:0:
daemon:x:1:
shadow:x:42:
alice:x:1000:
bob:x:1001:
nogroup:x:65534:
runner:x:$mygid:
EOF
chmod 0644 "$R/etc/passwd" "$R/etc/group"
echo 'root:*:19000:0:99999:7:::' >"$R/etc/shadow"
chmod 0644 "$R/etc/shadow"                       # planted: mode (max 0640)
echo 'root ALL=(ALL) ALL' >"$R/etc/sudoers"
chmod 0440 "$R/etc/sudoers"
echo 'alice ALL=(ALL) ALL' >"$R/etc/sudoers.d/bad"
chmod 0644 "$R/etc/sudoers.d/bad"                 # planted: mode (max 0440)
echo 'PermitRootLogin no' >"$R/etc/ssh/sshd_config"
chmod 0666 "$R/etc/ssh/sshd_config"               # planted: mode + world-writable
ln -s /etc/shadow "$R/etc/ssh/sshd_config.d/link.conf" # planted: a link where a file is expected
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n' \
	>"$R/etc/ssh/ssh_host_ed25519_key"
chmod 0644 "$R/etc/ssh/ssh_host_ed25519_key"      # planted: mode + readable key
echo 'ssh-ed25519 AAAA host' >"$R/etc/ssh/ssh_host_ed25519_key.pub"
chmod 0644 "$R/etc/ssh/ssh_host_ed25519_key.pub"
chmod 0755 "$R/etc/ssl/private"                   # planted: mode (max 0710)
printf -- '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' >"$R/etc/ssl/private/site.key"
chmod 0640 "$R/etc/ssl/private/site.key"          # allowed: key_allow, checked by file_mode
cat >"$R/etc/crontab" <<'EOF'
SHELL=/bin/sh
# m h dom mon dow user command
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
30 2	* * *	root	/usr/local/bin/backup.sh >/dev/null 2>&1
@daily		root	test -x /opt/job.sh && /opt/job.sh
EOF
chmod 0644 "$R/etc/crontab"
echo '* * * * * root true' >"$R/etc/cron.d/evil"
chmod 0666 "$R/etc/cron.d/evil"                   # planted: mode + world-writable
printf '#!/bin/sh\ntar czf /srv/backup.tgz /home\n' >"$R/usr/local/bin/backup.sh"
chmod 0775 "$R/usr/local/bin/backup.sh"           # planted: group-writable, cron + backup
mkdir -p "$R/var/spool/cron/crontabs" "$R/srv/scripts"
echo '*/5 * * * * /srv/scripts/run.sh --quiet' >"$R/var/spool/cron/crontabs/alice"
chmod 0600 "$R/var/spool/cron/crontabs/alice"
chmod 1730 "$R/var/spool/cron/crontabs"            # fine (Debian's mode); unreadable for nobody
printf '#!/bin/sh\n' >"$R/srv/scripts/run.sh"
chmod 0757 "$R/srv/scripts/run.sh"                 # planted: run by a user crontab, world-writable
printf '#!/bin/sh\n' >"$R/opt/job.sh"
chmod 0755 "$R/opt/job.sh"
chown 1000:1000 "$R/opt/job.sh" 2>/dev/null || true # planted (as root): owner of a cron command
printf 'x' >"$R/usr/bin/passwd"
chmod 4755 "$R/usr/bin/passwd"                    # allowed setuid
printf 'x' >"$R/opt/tool"
chmod 4755 "$R/opt/tool"                          # planted: setuid outside the allowlist
printf 'x' >"$R/opt/gtool"
chmod 2755 "$R/opt/gtool"                         # planted: setgid outside the allowlist
echo data >"$R/srv/share/ww.txt"
chmod 0666 "$R/srv/share/ww.txt"                  # planted: world-writable file
chmod 0777 "$R/srv/share"                         # planted: world-writable dir, no sticky
chmod 1777 "$R/tmp"                               # fine: sticky
printf -- 'Bag Attributes\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n' \
	>"$R/srv/certs/server.pem"
chmod 0644 "$R/srv/certs/server.pem"              # planted: key found by content
printf -- '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----\n' \
	>"$R/srv/certs/cert.pem"
chmod 0644 "$R/srv/certs/cert.pem"                # fine: a certificate
printf -- '# a test fixture\nKEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"""\n' \
	>"$R/srv/certs/fixture_key.py"
chmod 0644 "$R/srv/certs/fixture_key.py"           # not read: *.py is in the default key_skip
mkfifo "$R/srv/certs/fifo.pem"                    # never opened (would block)
chmod 0666 "$R/srv/certs/fifo.pem"
mkfifo "$R/srv/id_rsa"
chmod 0644 "$R/srv/id_rsa"
echo x >"$R/srv/secret/ww"
chmod 0666 "$R/srv/secret/ww"                     # planted: found as root only
chmod 0700 "$R/srv/secret"                        # unreadable for nobody
printf -- '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n' >"$R/home/alice/.ssh/id_rsa"
chmod 0640 "$R/home/alice/.ssh/id_rsa"            # planted: key readable by the group
echo 'ssh-rsa AAAA alice' >"$R/home/alice/.ssh/id_rsa.pub"
chmod 0644 "$R/home/alice/.ssh/id_rsa.pub"
chmod 0755 "$R/home/alice/.ssh"                   # planted: .ssh readable by others
chmod 0755 "$R/home/alice"                        # planted: home readable by others
echo 'ssh-ed25519 AAAA bob' >"$R/home/bob/.ssh/authorized_keys"
chmod 0602 "$R/home/bob/.ssh/authorized_keys"     # planted (as root): writable by others
chmod 0705 "$R/home/bob/.ssh"                     # planted (as root): .ssh readable by others
chmod 0750 "$R/home/bob"                          # fine, unreadable for nobody
chmod 0700 "$R/root"
# symbolic link loops and links out of the root: never followed
ln -s loop2 "$R/srv/loop1"
ln -s loop1 "$R/srv/loop2"
ln -s . "$R/srv/self"
ln -s / "$R/srv/toroot"
ln -s ../.. "$R/var/lib/up"
# paths far longer than PATH_MAX, and deeper than the walker's fd budget
long=$(printf '%0200d' 0 | tr 0 L)
# mkdir fails on paths past PATH_MAX: build chains of 15 levels (3 KB) apart, put a file
# at the bottom of the last, then move each chain to the bottom of the one before.
chain() { # DIR: makes DIR/L/L/... 15 levels; prints the bottom
	c=$1
	i=0
	while [ $i -lt 15 ]; do
		c="$c/$long"
		i=$((i + 1))
	done
	mkdir -p "$c"
	echo "$c"
}
mkdir "$R/long" "$SCRATCH/c2" "$SCRATCH/c3"
b1=$(chain "$R/long")
b2=$(chain "$SCRATCH/c2")
b3=$(chain "$SCRATCH/c3")
echo x >"$b3/deep.txt"
chmod 0666 "$b3/deep.txt"                         # planted: world-writable, path > 9000 bytes
mv "$SCRATCH/c3/$long" "$b2/"
mv "$SCRATCH/c2/$long" "$b1/"
rmdir "$SCRATCH/c2" "$SCRATCH/c3"
deep=/long
i=0
while [ $i -lt 45 ]; do
	deep="$deep/$long"
	i=$((i + 1))
done
deep="$deep/deep.txt"
(
	mkdir "$R/deep"
	cd "$R/deep"
	i=0
	while [ $i -lt 300 ]; do
		mkdir d
		cd d
		i=$((i + 1))
	done
	echo x >ww
	chmod 0666 ww                              # planted: world-writable, 300 levels down
)
deep2=/deep
i=0
while [ $i -lt 300 ]; do
	deep2="$deep2/d"
	i=$((i + 1))
done
deep2="$deep2/ww"
if [ "$me" -eq 0 ]; then
	mknod "$R/srv/null" c 1 3                  # a device: never opened
	chmod 0666 "$R/srv/null"
	echo x >"$R/srv/orphan"
	chown 4242:4242 "$R/srv/orphan"            # planted: no known owner nor group
	echo x >"$R/srv/orphan_grp"
	chown 1000:4343 "$R/srv/orphan_grp"        # planted: no known group
fi

# ---- expectations: "check level rule path", sorted ----
expected_common() {
	cat <<EOF
arbo.droits fail home_dir /home/alice
arbo.droits fail private_key /etc/ssh/ssh_host_ed25519_key
arbo.droits fail private_key /home/alice/.ssh/id_rsa
arbo.droits fail private_key /srv/certs/server.pem
arbo.droits fail setid /opt/gtool
arbo.droits fail setid /opt/tool
arbo.droits fail ssh_dir /home/alice/.ssh
arbo.droits fail world_writable_dir /srv/share
arbo.droits fail world_writable_file /etc/cron.d/evil
arbo.droits fail world_writable_file /etc/ssh/sshd_config
arbo.droits fail world_writable_file /srv/share/ww.txt
arbo.droits fail world_writable_file $deep
arbo.droits fail world_writable_file $deep2
cron.commandes fail mode /usr/local/bin/backup.sh
cron.fichiers fail mode /etc/cron.d/evil
fichiers.shadow fail mode /etc/shadow
fichiers.sudoers fail mode /etc/sudoers.d/bad
sauvegardes.scripts fail mode /usr/local/bin/backup.sh
ssh.cles_hote fail mode /etc/ssh/ssh_host_ed25519_key
ssh.sshd_config fail mode /etc/ssh/sshd_config
ssh.sshd_config warn symlink /etc/ssh/sshd_config.d/link.conf
tls.ssl_private fail mode /etc/ssl/private
EOF
}
expected_root() {
	expected_common
	cat <<EOF
arbo.droits fail authorized_keys /home/bob/.ssh/authorized_keys
arbo.droits fail ssh_dir /home/bob/.ssh
arbo.droits fail unowned /srv/orphan
arbo.droits fail unowned /srv/orphan_grp
arbo.droits fail world_writable_file /home/bob/.ssh/authorized_keys
arbo.droits fail world_writable_file /srv/secret/ww
arbo.droits fail world_writable_file /srv/scripts/run.sh
cron.commandes fail mode /srv/scripts/run.sh
cron.commandes fail owner /opt/job.sh
EOF
}
expected_nobody() {
	expected_common
	cat <<EOF
arbo.droits warn unreadable /home/bob
arbo.droits warn unreadable /root
arbo.droits warn unreadable /srv/secret
arbo.droits warn unreadable /var/spool/cron/crontabs
cron.commandes warn unreadable /var/spool/cron/crontabs
sauvegardes.scripts warn unreadable /root
arbo.droits fail world_writable_file /srv/scripts/run.sh
cron.commandes fail owner /opt/job.sh
arbo.droits fail unowned /srv/orphan
arbo.droits fail unowned /srv/orphan_grp
EOF
}

# The findings of a JSON result as "check level rule path" lines.
findings() {
	sed -n -e 's/^  {"id": "\([^"]*\)".*/C \1/p' \
		-e 's/^    {"level": "\([a-z]*\)", "rule": "\([a-z_]*\)", "path": "\([^"]*\)".*/F \1 \2 \3/p' "$1" |
		awk '$1 == "C" { c = $2; next } { print c, $2, $3, $4 }' | LC_ALL=C sort
}

run_and_compare() { # LABEL EXPECTED_FUNCTION [RUNNER...]
	label=$1
	want=$2
	shift 2
	out=$SCRATCH/$label.json
	set +e
	"$@" "$VIGIE" check --root "$R" --json >"$out" 2>"$SCRATCH/$label.err"
	rc=$?
	set -e
	if [ $rc -ne 1 ]; then
		err "$label: exit code $rc, expected 1 (findings)"
		cat "$SCRATCH/$label.err" >&2
	fi
	if [ -s "$SCRATCH/$label.err" ]; then
		err "$label: unexpected stderr"
		cat "$SCRATCH/$label.err" >&2
	fi
	$want | LC_ALL=C sort >"$SCRATCH/$label.want"
	findings "$out" >"$SCRATCH/$label.got"
	if ! cmp -s "$SCRATCH/$label.want" "$SCRATCH/$label.got"; then
		err "$label: findings differ (- expected, + found)"
		diff "$SCRATCH/$label.want" "$SCRATCH/$label.got" | cut -c1-200 >&2 || true
	fi
	if grep -q '"status": "error"' "$out"; then
		err "$label: a check ended in error"
		grep '"status": "error"' "$out" >&2
	fi
}

if [ "$me" -eq 0 ]; then
	run_and_compare root expected_root
	for t in 1 2 4; do
		"$VIGIE" check --root "$R" --json --threads $t --only arbo.droits >"$SCRATCH/t$t.json" 2>&1 || true
		findings "$SCRATCH/t$t.json" >"$SCRATCH/t$t.got"
		grep '^arbo.droits' "$SCRATCH/root.want" >"$SCRATCH/t.want"
		cmp -s "$SCRATCH/t.want" "$SCRATCH/t$t.got" || err "--threads $t: findings differ"
	done
	if command -v setpriv >/dev/null 2>&1; then
		run_and_compare nobody expected_nobody setpriv --reuid=nobody --regid=nogroup --clear-groups
	else
		echo "SKIP: unprivileged run: setpriv (util-linux) is not installed"
	fi
else
	echo "SKIP: root and unprivileged runs need root (the fixture needs chown); running as uid $me"
fi

# ---- one file system unless --cross-fs (needs a private mount namespace) ----
mkdir -p "$R/mnt"
chmod 0755 "$R/mnt"
if [ "$me" -eq 0 ] && unshare -m true 2>/dev/null; then
	unshare -m sh -c "mount -t tmpfs -o mode=0755 vigie-test '$R/mnt' &&
		echo x >'$R/mnt/ww' && chmod 0666 '$R/mnt/ww' &&
		'$VIGIE' check --root '$R' --json --only arbo.droits >'$SCRATCH/xdev.json';
		'$VIGIE' check --root '$R' --json --only arbo.droits --cross-fs >'$SCRATCH/cross.json';
		'$VIGIE' check --root '$R' --json --only arbo.droits --cross-fs --xdev >'$SCRATCH/xdev2.json';
		true"
	grep -q '"path": "/mnt/ww"' "$SCRATCH/xdev.json" && err "default run entered another file system"
	grep -q '"path": "/mnt/ww"' "$SCRATCH/xdev2.json" && err "--xdev after --cross-fs entered another file system"
	grep -q '"path": "/mnt/ww"' "$SCRATCH/cross.json" || err "--cross-fs did not enter the mounted file system"
else
	echo "SKIP: --xdev/--cross-fs test: needs root and unshare -m to mount a tmpfs"
fi

# ---- file_mode globs: two wildcard patterns listing the same directory ----
G=$SCRATCH/globs
mkdir -p "$G/etc"
cp "$R/etc/passwd" "$R/etc/group" "$G/etc/"
echo x >"$G/a.txt"
echo x >"$G/b.md"
chmod 0666 "$G/a.txt" "$G/b.md"
cat >"$SCRATCH/globs.yaml" <<'EOF2'
format: vigie-checks/1
id: globs
version: 1.0.0
title: {fr: Globs}
checks:
  - id: g.fichiers
    kind: file_mode
    params: {paths: ["/*.txt", "/*.md", "/absent*"], max_mode: "0644"}
    severity: low
    title: {fr: Fichiers}
    remediation: {fr: chmod}
    informs: [comptes.droits_serveur]
EOF2
"$VIGIE" check --profile "$SCRATCH/globs.yaml" --root "$G" --json >"$SCRATCH/globs.json" 2>&1 || true
findings "$SCRATCH/globs.json" >"$SCRATCH/globs.got"
printf 'g.fichiers fail mode /a.txt\ng.fichiers fail mode /b.md\n' >"$SCRATCH/globs.want"
cmp -s "$SCRATCH/globs.want" "$SCRATCH/globs.got" || err "file_mode globs: findings differ"
grep -q '"reason": "chemins absents : 1 sur 3"' "$SCRATCH/globs.json" || err "file_mode globs: no reason for the absent pattern"
# names JSON must escape: a quote, a backslash, a newline, a byte that is not UTF-8
mkdir "$G/w"
for n in 'q"uote' 'back\slash' "$(printf 'new\nline')" "$(printf 'bad\377byte')" 'é'; do
	echo x >"$G/w/$n.txt"
	chmod 0666 "$G/w/$n.txt"
done
cat >"$SCRATCH/names.yaml" <<'EOF2'
format: vigie-checks/1
id: names
version: 1.0.0
title: {fr: Noms}
checks:
  - id: n.arbo
    kind: tree_scan
    params: {rules: [world_writable_file], paths: [/w]}
    severity: low
    title: {fr: Noms}
    remediation: {fr: chmod}
    informs: [comptes.partages]
EOF2
"$VIGIE" check --profile "$SCRATCH/names.yaml" --root "$G" --json >"$SCRATCH/names.json" 2>&1 || true
for want in '"path": "/w/q\"uote.txt"' '"path": "/w/back\\slash.txt"' '"path": "/w/new\u000aline.txt"' \
	'"path": "/w/bad\ufffdbyte.txt"' '"path": "/w/é.txt"'; do
	grep -qF "$want" "$SCRATCH/names.json" || err "JSON escaping: $want not found"
done

# ---- every JSON output parses ----
if command -v jq >/dev/null 2>&1; then
	for j in "$SCRATCH"/*.json; do
		jq -e '.checks | length > 0' "$j" >/dev/null 2>&1 || err "$(basename "$j") is not valid JSON"
	done
else
	echo "SKIP: JSON validity: jq is not installed"
fi

# ---- the table, in French and English; exit codes ----
"$VIGIE" check --root "$R" >"$SCRATCH/table.fr" 2>&1 || true
grep -q 'ÉCHEC' "$SCRATCH/table.fr" || err "French table has no ÉCHEC line"
grep -q '/etc/shadow' "$SCRATCH/table.fr" || err "French table does not name /etc/shadow"
"$VIGIE" --lang en check --root "$R" >"$SCRATCH/table.en" 2>&1 || true
grep -q 'FAIL' "$SCRATCH/table.en" || err "English table has no FAIL line"
mkdir -p "$SCRATCH/clean/etc"
cp "$R/etc/passwd" "$R/etc/group" "$SCRATCH/clean/etc/"
chmod 0755 "$SCRATCH/clean" "$SCRATCH/clean/etc"
set +e
"$VIGIE" check --root "$SCRATCH/clean" --json >"$SCRATCH/clean.json" 2>&1
rc=$?
[ $rc -eq 0 ] || err "clean root: exit $rc, expected 0"
"$VIGIE" check --root "$R" --only no.such.check >/dev/null 2>&1
[ $? -eq 2 ] || err "--only with an unknown id: exit code is not 2"
"$VIGIE" check --bogus >/dev/null 2>&1
[ $? -eq 2 ] || err "unknown option: exit code is not 2"
"$VIGIE" check --profile "$SRC/tests/data/checks/bad-unknown-kind.yaml" >/dev/null 2>"$SCRATCH/bad.err"
[ $? -eq 2 ] || err "bad profile: exit code is not 2"
grep -q 'bad-unknown-kind.yaml:[0-9]*:[0-9]*:' "$SCRATCH/bad.err" || err "bad profile: no file:line:col"
"$VIGIE" check --root "$SCRATCH/no-such-dir" >/dev/null 2>&1
[ $? -eq 2 ] || err "missing root: exit code is not 2"
"$VIGIE" validate "$SRC/checks/linux-server.yaml" >/dev/null 2>&1
[ $? -eq 0 ] || err "validate checks/linux-server.yaml failed"
set -e

[ $fail -eq 0 ] && echo "checks_perms: OK"
exit $fail
