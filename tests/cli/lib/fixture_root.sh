# shellcheck shell=sh
# A fixture root for the checks (vigie check --root, score --root, --check-root): sourced,
# not a test itself. Usage:
#   . "$SRC/tests/cli/lib/fixture_root.sh"
#   fixture_root "$R" srv/share home
# makes R, R/etc and each directory named after it (relative to R), all 0755 whatever the
# umask, with R/etc/passwd and R/etc/group (0644) in which root, the name the profiles
# expect as owner and group, is the user and group running the test. The files the test
# writes then belong to "root" of the fixture whoever runs the suite (root or nobody): no
# owner or group check fails because of who ran it.
fixture_root() {
	fr_root=$1
	shift
	mkdir -p "$fr_root/etc"
	chmod 0755 "$fr_root" "$fr_root/etc"
	for fr_dir in "$@"; do
		fr_path=$fr_root
		# Each level, so that mkdir -p under a strict umask leaves no 0700 parent.
		for fr_part in $(echo "$fr_dir" | tr / ' '); do
			fr_path=$fr_path/$fr_part
			mkdir -p "$fr_path"
			chmod 0755 "$fr_path"
		done
	done
	printf 'root:x:%s:%s:root:/root:/bin/sh\n' "$(id -u)" "$(id -g)" >"$fr_root/etc/passwd"
	printf 'root:x:%s:\n' "$(id -g)" >"$fr_root/etc/group"
	chmod 0644 "$fr_root/etc/passwd" "$fr_root/etc/group"
}
