#!/bin/sh
# vigie check on a fixture root with every permission problem the default profile looks
# for, plus symlink loops, FIFOs, devices, unreadable directories and paths far longer
# than PATH_MAX. Every planted issue must be found, and nothing else: as root, and as
# nobody (where unreadable directories become warnings).
# Also: a flood of files of ids the root's /etc/passwd does not know (directory users),
# the per-rule cap, and users from an NSS source other than files on the live system.
# Usage: sh checks_perms.sh VIGIE SOURCE_DIR SCRATCH_DIR
set -eu
VIGIE=$1
SRC=$2
SCRATCH=$3
fail=0
# The fixture's modes are written explicitly; files made without chmod get 0644 and
# directories 0755, whatever the caller's umask.
umask 022

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
chmod 0755 "$SCRATCH"
# The fixture root lives in its own directory under a private temporary directory (not
# under SCRATCH, whose parents may be 0700): the unprivileged pass must reach it, and the
# binary it runs, a copy next to it.
T=$(mktemp -d "${TMPDIR:-/tmp}/vigie-checks-perms.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
chmod 0755 "$T"
cp "$VIGIE" "$T/vigie"
chmod 0755 "$T/vigie"
R=$T/root
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
mkdir "$R/long" "$T/c2" "$T/c3"
b1=$(chain "$R/long")
b2=$(chain "$T/c2")
b3=$(chain "$T/c3")
echo x >"$b3/deep.txt"
chmod 0666 "$b3/deep.txt"                         # planted: world-writable, path > 9000 bytes
mv "$T/c3/$long" "$b2/"
mv "$T/c2/$long" "$b1/"
rmdir "$T/c2" "$T/c3"
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
	"$@" "$T/vigie" check --root "$R" --json >"$out" 2>"$SCRATCH/$label.err"
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
	nobody="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	if ! command -v setpriv >/dev/null 2>&1; then
		echo "SKIP: unprivileged run: setpriv (util-linux) is not installed"
	elif ! $nobody sh -c 'test -x "$1" && test -r "$2" && test -x "$2"' sh "$T/vigie" "$R"; then
		echo "SKIP: unprivileged run: nobody cannot reach $R (a parent of TMPDIR is closed)"
	else
		run_and_compare nobody expected_nobody $nobody
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

# ---- the cap is per rule: the first 100 by path kept, every one counted ----
C=$T/cap
mkdir -p "$C/etc" "$C/w"
cp "$R/etc/passwd" "$R/etc/group" "$C/etc/"
i=0
while [ $i -lt 150 ]; do
	f=$(printf '%s/w/w%03d' "$C" $i)
	echo x >"$f"
	chmod 0666 "$f"                            # planted: 150 world-writable files
	i=$((i + 1))
done
printf 'x' >"$C/w/zz-tool"
chmod 4755 "$C/w/zz-tool"                          # planted: after them all by path
cat >"$SCRATCH/cap.yaml" <<'EOF'
format: vigie-checks/1
id: cap
version: 1.0.0
title: {fr: Plafond}
checks:
  - id: c.arbo
    kind: tree_scan
    params: {rules: [world_writable_file, setid], paths: [/w]}
    severity: high
    title: {fr: Plafond}
    remediation: {fr: chmod}
    informs: [comptes.partages]
EOF
for t in 1 4; do
	"$VIGIE" check --profile "$SCRATCH/cap.yaml" --root "$C" --json --threads $t >"$SCRATCH/cap$t.json" 2>&1 || true
	findings "$SCRATCH/cap$t.json" >"$SCRATCH/cap$t.got"
done
{
	i=0
	while [ $i -lt 100 ]; do
		printf 'c.arbo fail world_writable_file /w/w%03d\n' $i
		i=$((i + 1))
	done
	echo "c.arbo fail setid /w/zz-tool"
} | LC_ALL=C sort >"$SCRATCH/cap.want"
cmp -s "$SCRATCH/cap.want" "$SCRATCH/cap1.got" || err "per-rule cap: not the first 100 by path, or the setid file crowded out"
cmp -s "$SCRATCH/cap1.got" "$SCRATCH/cap4.got" || err "per-rule cap: --threads 1 and 4 keep different findings"
if command -v jq >/dev/null 2>&1; then
	got=$(jq -c '.checks[0] | [.dropped, (.rules[] | [.rule, .level, .count, .shown, .cap, .top_dirs[0].path])]' "$SCRATCH/cap1.json")
	[ "$got" = '[150,["world_writable_file","fail",150,100,0,"/w"],["setid","fail",1,1,0,"/w"]]' ] ||
		[ "$got" = '[50,["world_writable_file","fail",150,100,0,"/w"],["setid","fail",1,1,0,"/w"]]' ] ||
		err "per-rule cap: rules $got"
	jq -r '.checks[0].summary_text' "$SCRATCH/cap1.json" | grep -q '^fichiers modifiables par tous : 150, surtout dans /w (150)\. À faire : ' ||
		err "per-rule cap: summary_text $(jq -r '.checks[0].summary_text' "$SCRATCH/cap1.json")"
fi
"$VIGIE" check --profile "$SCRATCH/cap.yaml" --root "$C" >"$SCRATCH/cap.fr" 2>&1 || true
grep -q '! fichiers modifiables par tous (world_writable_file) : 150, 100 premiers montrés ; surtout dans /w (150)' "$SCRATCH/cap.fr" ||
	err "per-rule cap: the table does not give the count: $(grep world_writable "$SCRATCH/cap.fr" | head -1)"
"$VIGIE" --lang en check --profile "$SCRATCH/cap.yaml" --root "$C" >"$SCRATCH/cap.en" 2>&1 || true
grep -q 'world-writable files (world_writable_file): 150, first 100 shown; mostly in /w (150)' "$SCRATCH/cap.en" ||
	err "per-rule cap: the English table does not give the count"

# ---- a tree of 30,000 files of ids ROOT/etc/passwd does not know (directory users) ----
if [ "$me" -eq 0 ]; then
	F=$T/flood
	mkdir -p "$F/etc" "$F/srv/data"
	echo 'root:x:0:0:root:/root:/bin/sh' >"$F/etc/passwd"
	echo 'root:x:0:' >"$F/etc/group"
	: >"$SCRATCH/flood.want"
	i=0
	while [ $i -lt 30 ]; do
		d=$(printf '%s/srv/data/u%02d' "$F" $i)
		mkdir "$d"
		(cd "$d" && seq -f 'f%04g' 1 1000 | xargs touch)
		p=$(printf '/srv/data/u%02d' $i)
		chmod 0666 "$d/f0005"                  # planted: world-writable, 30 of them
		echo "arbo.droits fail world_writable_file $p/f0005" >>"$SCRATCH/flood.want"
		if [ $i -lt 10 ]; then
			mv "$d/f0007" "$d/server.key"      # planted: a key by its name, readable
			echo "arbo.droits fail private_key $p/server.key" >>"$SCRATCH/flood.want"
		elif [ $i -lt 20 ]; then
			printf -- '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CpUB\n-----END EC PRIVATE KEY-----\n' >"$d/f0007"
			echo "arbo.droits fail private_key $p/f0007" >>"$SCRATCH/flood.want"
		fi
		chown -R $((2000 + i)):$((3000 + i)) "$d"
		if [ $i -ge 20 ]; then
			chmod 4755 "$d/f0009"              # planted (after chown, which clears it): setuid
			echo "arbo.droits fail setid $p/f0009" >>"$SCRATCH/flood.want"
		fi
		i=$((i + 1))
	done
	echo "arbo.droits warn unowned /srv/data" >>"$SCRATCH/flood.want"
	LC_ALL=C sort -o "$SCRATCH/flood.want" "$SCRATCH/flood.want"
	set +e
	"$VIGIE" check --root "$F" --only arbo.droits --json >"$SCRATCH/flood.json" 2>"$SCRATCH/flood.err"
	rc=$?
	set -e
	[ $rc -eq 1 ] || err "flood: exit code $rc, expected 1"
	findings "$SCRATCH/flood.json" >"$SCRATCH/flood.got"
	if ! cmp -s "$SCRATCH/flood.want" "$SCRATCH/flood.got"; then
		err "flood: findings differ (- expected, + found)"
		diff "$SCRATCH/flood.want" "$SCRATCH/flood.got" | head -20 >&2 || true
	fi
	grep -qF '"observed": "30030 entrées appartiennent à 60 identifiants inconnus de '"$F"'/etc/passwd ou /etc/group (utilisateurs d'"'"'un annuaire ?) : uid 2000-2029, gid 3000-3029"' \
		"$SCRATCH/flood.json" || err "flood: the unowned summary does not count the entries and name the ids"
	if command -v jq >/dev/null 2>&1; then
		got=$(jq -c '.checks[0] | [.status, .cap, (.rules[] | [.rule, .level, .count, .shown])]' "$SCRATCH/flood.json")
		[ "$got" = '["fail",0,["world_writable_file","fail",30,30],["setid","fail",10,10],["private_key","fail",20,20],["unowned","warn",30030,1]]' ] ||
			err "flood: rules $got"
	fi
	# A few ids (files of a removed account): one finding each, failing at medium only.
	O=$T/orphans
	mkdir -p "$O/etc" "$O/srv/old"
	cp "$F/etc/passwd" "$F/etc/group" "$O/etc/"
	(cd "$O/srv/old" && seq -f 'f%04g' 1 150 | xargs touch)
	chown -R 4242:4242 "$O/srv/old"
	"$VIGIE" check --root "$O" --only arbo.droits --json >"$SCRATCH/orphans.json" 2>&1 || true
	if command -v jq >/dev/null 2>&1; then
		got=$(jq -c '.checks[0] | [.status, .cap, (.rules[] | [.rule, .level, .count, .shown, .cap])]' "$SCRATCH/orphans.json")
		[ "$got" = '["fail",1,["unowned","fail",151,100,1]]' ] || err "orphans: $got (unowned files cap at 1, medium)"
	fi
else
	echo "SKIP: flood of unknown owners: needs root (chown)"
fi

# ---- the live system: users of an NSS source other than files are owners ----
# libnss-extrausers reads /var/lib/extrausers/{passwd,group}; a private mount namespace
# binds a nsswitch.conf naming it and those files, so the host is not touched.
if [ "$me" -eq 0 ] && unshare -m true 2>/dev/null && ldconfig -p 2>/dev/null | grep -q libnss_extrausers.so.2 &&
	[ -d /var/lib/extrausers ] && [ -f /etc/nsswitch.conf ]; then
	L=$T/live
	N=$T/nss
	mkdir -p "$L/home/ldapuser" "$N/extrausers"
	echo x >"$L/home/ldapuser/notes.txt"
	chmod 0755 "$L/home/ldapuser"                 # planted: a home open to others, known by NSS only
	chown -R 7001:7001 "$L/home/ldapuser"
	echo x >"$L/orphan.txt"
	chown 7999:7999 "$L/orphan.txt"                # planted: unknown to every source
	echo "ldapuser:x:7001:7001:LDAP user:$L/home/ldapuser:/bin/sh" >"$N/extrausers/passwd"
	echo "ldapgroup:x:7001:" >"$N/extrausers/group"
	: >"$N/extrausers/shadow"
	chmod 0644 "$N/extrausers/passwd" "$N/extrausers/group"
	printf 'passwd: files extrausers\ngroup: files extrausers\nshadow: files\nhosts: files\n' >"$N/nsswitch.conf"
	cat >"$SCRATCH/live.yaml" <<EOF
format: vigie-checks/1
id: live
version: 1.0.0
title: {fr: Système en marche}
checks:
  - id: l.arbo
    kind: tree_scan
    params: {rules: [unowned, home_dir], paths: ["$L"]}
    severity: high
    title: {fr: Arborescence}
    remediation: {fr: chown}
    informs: [comptes.partages]
  - id: l.notes
    kind: file_mode
    params: {paths: ["$L/home/ldapuser/notes.txt"], owner: ldapuser, group: ldapgroup}
    severity: high
    title: {fr: Propriétaire}
    remediation: {fr: chown}
    informs: [comptes.partages]
EOF
	unshare -m sh -c 'mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf &&
		mount --bind "$1/extrausers" /var/lib/extrausers &&
		exec "$2" check --profile "$3" --json' sh "$N" "$VIGIE" "$SCRATCH/live.yaml" \
		>"$SCRATCH/live.json" 2>"$SCRATCH/live.err" || true
	findings "$SCRATCH/live.json" >"$SCRATCH/live.got"
	printf '%s\n' "l.arbo fail home_dir $L/home/ldapuser" "l.arbo fail unowned $L/orphan.txt" |
		LC_ALL=C sort >"$SCRATCH/live.want"
	if ! cmp -s "$SCRATCH/live.want" "$SCRATCH/live.got"; then
		err "live NSS: findings differ (- expected, + found)"
		diff "$SCRATCH/live.want" "$SCRATCH/live.got" >&2 || true
		cat "$SCRATCH/live.err" >&2
	fi
	grep -q '"id": "l.notes".*"status": "pass"' "$SCRATCH/live.json" || err "live NSS: the owner named ldapuser is not resolved"
	# The same without extrausers: its users' files are unowned, the name unknown.
	"$VIGIE" check --profile "$SCRATCH/live.yaml" --json >"$SCRATCH/nonss.json" 2>&1 || true
	findings "$SCRATCH/nonss.json" >"$SCRATCH/nonss.got"
	grep -q "^l.arbo fail unowned $L/home/ldapuser/notes.txt\$" "$SCRATCH/nonss.got" &&
		grep -q "^l.notes fail owner $L/home/ldapuser/notes.txt\$" "$SCRATCH/nonss.got" ||
		err "live NSS: without extrausers the control run should not know ldapuser"
else
	echo "SKIP: live NSS test: needs root, unshare -m and libnss-extrausers (scripts/packages/test-checks.txt)"
fi

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
# A clean root: only etc/passwd and etc/group, whose "root" is whoever runs the suite.
. "$SRC/tests/cli/lib/fixture_root.sh"
fixture_root "$SCRATCH/clean"
set +e
"$VIGIE" check --root "$SCRATCH/clean" --json >"$SCRATCH/clean.json" 2>&1
rc=$?
[ $rc -eq 0 ] || err "clean root: exit $rc, expected 0"
"$VIGIE" check --root "$R" --only no.such.check >/dev/null 2>"$SCRATCH/only.err"
[ $? -eq 2 ] || err "--only with an unknown id: exit code is not 2"
grep -qF -- "--only no.such.check : aucune vérification de cet identifiant" "$SCRATCH/only.err" ||
	err "--only with an unknown id: not said in French: $(cat "$SCRATCH/only.err")"
"$VIGIE" --lang en check --root "$R" --only no.such.check >/dev/null 2>"$SCRATCH/only.err"
grep -qF -- "; check the spelling against the profile's id: values" "$SCRATCH/only.err" ||
	err "--only with an unknown id: not said in English: $(cat "$SCRATCH/only.err")"
"$VIGIE" check --bogus >/dev/null 2>&1
[ $? -eq 2 ] || err "unknown option: exit code is not 2"
"$VIGIE" check --profile "$SRC/tests/data/checks/bad-unknown-kind.yaml" >/dev/null 2>"$SCRATCH/bad.err"
[ $? -eq 2 ] || err "bad profile: exit code is not 2"
grep -q 'bad-unknown-kind.yaml:[0-9]*:[0-9]*:' "$SCRATCH/bad.err" || err "bad profile: no file:line:col"
# The kinds' own refusals: French by default, English with --lang en, at line:col.
bad_profile() { # NAME LANG EXPECTED: the refusal of tests/data/checks/NAME.yaml in LANG
	"$VIGIE" --lang "$2" check --profile "$SRC/tests/data/checks/$1.yaml" >/dev/null 2>"$SCRATCH/bad.err"
	[ $? -eq 2 ] || err "$1 ($2): exit code is not 2"
	grep -qF -- "$1.yaml:$3" "$SCRATCH/bad.err" || err "$1 ($2): $(cat "$SCRATCH/bad.err")"
}
bad_profile bad-file-mode-both-lists fr "9:13: file_mode : donnez soit paths, soit commands_of, exactement l'un des deux"
bad_profile bad-file-mode-both-lists en "9:13: file_mode: give either paths or commands_of, exactly one of the two"
bad_profile bad-path-relative fr "9:22: paths : 'etc/shadow' n'est pas un chemin absolu ; écrivez-le depuis la racine"
bad_profile bad-path-relative en "9:22: paths: 'etc/shadow' is not an absolute path; write it from the root"
bad_profile bad-params-unknown-key fr "9:36: clé inconnue 'mode' dans le bloc params d'une vérification file_mode ; clés permises : paths,"
bad_profile bad-params-unknown-key en "9:36: unknown key 'mode' in the params block of a file_mode check; allowed keys: paths,"
bad_profile bad-tree-no-params fr "7:5: une vérification tree_scan a besoin de params avec ses règles, comme {rules: [world_writable_file]}"
bad_profile bad-tree-no-params en "7:5: a tree_scan check needs params with its rules, like {rules: [world_writable_file]}"
bad_profile bad-tree-rule-twice fr "9:29: rules nomme 'setid' deux fois ; gardez-en une"
bad_profile bad-tree-rule-twice en "9:29: rules names 'setid' twice; keep one"
bad_profile bad-tree-missing-rules en "9:13: the params block of a tree_scan check lacks the required key 'rules'"
"$VIGIE" check --root "$SCRATCH/no-such-dir" >/dev/null 2>"$SCRATCH/root.err"
[ $? -eq 2 ] || err "missing root: exit code is not 2"
grep -qF "no-such-dir : impossible d'ouvrir le dossier racine" "$SCRATCH/root.err" ||
	err "missing root: not said in French: $(cat "$SCRATCH/root.err")"
"$VIGIE" --lang en check --root "$SCRATCH/no-such-dir" >/dev/null 2>"$SCRATCH/root.err"
grep -qF "no-such-dir: cannot open the root directory" "$SCRATCH/root.err" ||
	err "missing root: not said in English: $(cat "$SCRATCH/root.err")"
"$VIGIE" validate "$SRC/checks/linux-server.yaml" >/dev/null 2>&1
[ $? -eq 0 ] || err "validate checks/linux-server.yaml failed"
set -e

[ $fail -eq 0 ] && echo "checks_perms: OK"
exit $fail
