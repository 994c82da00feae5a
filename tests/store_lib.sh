# Helpers for tests/cli/store_*.sh: sourced after tests/lib.sh, not run.

# store_variants N DIR [TEMPLATE]: N distinct scorecards DIR/cNNNNN.json, copies of
# TEMPLATE (default: the saint-exemple fixture) with their own INSEE code (01000 + i mod 50)
# and generated_at (one hour apart, from 2025-01-01).
store_variants() {
	mkdir -p "$2"
	awk -v n="$1" -v dir="$2" '
		{ line[NR] = $0 }
		END {
			for (i = 1; i <= n; i++) {
				f = sprintf("%s/c%05d.json", dir, i)
				h = i % 24; d = 1 + int(i / 24) % 28; m = 1 + int(i / 672) % 12
				y = 2025 + int(i / 8064)
				for (k = 1; k <= NR; k++) {
					s = line[k]
					if (s ~ /^  "generated_at": /)
						s = sprintf("  \"generated_at\": \"%04d-%02d-%02dT%02d:00:00Z\",", y, m, d, h)
					else if (s ~ /^    "insee": "[0-9]+",$/)
						s = sprintf("    \"insee\": \"%05d\",", 1000 + i % 50)
					print s > f
				}
				close(f)
			}
		}' "${3:-$SRC/tests/data/scorecard/good-saint-exemple.json}"
}

# store_signed_cards N DIR [TEMPLATE]: store_variants N DIR [TEMPLATE], each signed with
# $T/k.key (made by vigie keygen when absent: $T/k.pub verifies them). Exits 1 when it
# cannot make the key.
store_signed_cards() {
	[ -f "$T/k.key" ] || "$VIGIE" keygen --out "$T/k" >/dev/null 2>&1 ||
		{ echo "keygen failed"; exit 1; }
	store_variants "$@"
	store_sign "$T/k.key" "$2"/*.json
}

# store_sign KEY FILE...: signs the files with vigie sign, 200 at a time.
store_sign() {
	key=$1
	shift
	printf '%s\n' "$@" | xargs -n 200 "$VIGIE" sign --key "$key" >/dev/null
}

# store_count DB [WHERE]: scorecards in the store.
store_count() {
	sqlite3 -cmd '.timeout 10000' "$1" "SELECT count(*) FROM scorecard ${2:-}"
}
