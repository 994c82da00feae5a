# The contenders of bench/perms/run.sh, sourced with VIGIE, PROFILE, T and WORK set.
run_vigie() {
	"$VIGIE" check --profile "$PROFILE" --root "$T" --json >"$WORK/vigie.out" || [ $? -eq 1 ]
}
# GNU find evaluating the same predicates in one pass (without reading file contents).
run_find() {
	find "$T" -xdev \
		\( -type f -perm -0002 -printf 'world_writable_file %p\n' \) , \
		\( -type d -perm -0002 ! -perm -1000 -printf 'world_writable_dir %p\n' \) , \
		\( -type f -perm /6000 ! -path "$T/usr/bin/*" -printf 'setid %p\n' \) , \
		\( -type f -perm /0044 \( -name id_rsa -o -name id_dsa -o -name id_ecdsa \
			-o -name id_ed25519 -o -name id_ecdsa_sk -o -name id_ed25519_sk -o -name '*.key' \
			-o -name 'ssh_host_*_key' \) -printf 'private_key %p\n' \) , \
		\( \( -nouser -o -nogroup \) -printf 'unowned %p\n' \) , \
		\( -type d -path "$T/home/*" ! -path "$T/home/*/*" -perm /0006 -printf 'home_dir %p\n' \) , \
		\( -type d -name .ssh -perm /0006 -printf 'ssh_dir %p\n' \) , \
		\( -type f \( -name authorized_keys -o -name authorized_keys2 \) -perm -0002 \
			-printf 'authorized_keys %p\n' \) >"$WORK/find.out"
}
# The floor: a walk and a stat per entry, nothing evaluated.
run_floor() {
	find "$T" -xdev -printf '%m\n' >/dev/null
}
