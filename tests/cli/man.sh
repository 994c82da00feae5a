# The man pages (English and French) and the bash completion against the binary: every
# command `vigie --help` lists has its subsection with every long option its --help shows,
# the pages render without warnings, and the completion offers every command.
. "$2/tests/lib.sh"

help_commands() {
	VIGIE_LANG=en "$VIGIE" --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'
}

# Long options a help text shows, one a line, without --help.
help_options() {
	VIGIE_LANG=en "$VIGIE" "$@" --help 2>/dev/null | grep -oE -- '(^|[][ ,|])--[a-z][a-z0-9-]*' |
		sed 's/^[][ ,|]//' | grep -vx -- '--help' | sort -u
}

# man_sections PAGE: the .SS names under COMMANDS (COMMANDES in French).
man_sections() {
	awk '/^\.SH / { on = ($2 == "COMMANDS" || $2 == "COMMANDES"); next }
		on && /^\.SS / { print $2 }' "$1"
}

# man_section PAGE NAME: the text of one command's subsection.
man_section() {
	awk -v name="$2" '/^\.S[HS] / { on = ($1 == ".SS" && $2 == name); next } on' "$1"
}

# man_top PAGE: the page before its first command subsection (synopsis, global options).
man_top() {
	awk '/^\.SS / { exit } { print }' "$1"
}

# roff spelling of an option: every "-" escaped.
roff_opt() {
	printf '%s\n' "$1" | sed 's/-/\\-/g'
}

commands=$(help_commands)
[ -n "$commands" ] && t_ok "vigie --help lists commands" ||
	t_notok "vigie --help lists no commands under 'Commands:'"
version=$("$VIGIE" version | awk 'NR == 1 { print $2 }')

for page in "$SRC/man/vigie.1" "$SRC/man/fr/vigie.1"; do
	lang=en
	case $page in */fr/*) lang=fr ;; esac
	sections=$(man_sections "$page")
	for cmd in $commands; do
		if printf '%s\n' "$sections" | grep -qx -- "$cmd"; then
			t_ok "$lang page documents '$cmd'"
		else
			t_notok "$lang page has no '.SS $cmd' under COMMANDS: document it in ${page#"$SRC"/}"
			continue
		fi
		man_section "$page" "$cmd" >"$SCRATCH/section"
		for opt in $(help_options "$cmd"); do
			t_grep "  $lang '$cmd' documents $opt" "$SCRATCH/section" "$(roff_opt "$opt")"
		done
	done
	man_top "$page" >"$SCRATCH/top"
	for opt in $(help_options); do
		t_grep "$lang page documents the global option $opt" "$SCRATCH/top" "$(roff_opt "$opt")"
	done
	for s in $sections; do
		printf '%s\n' "$commands" | grep -qx -- "$s" ||
			echo "note: $lang page documents '$s', which this binary does not list (yet)"
	done
	t_grep "$lang page carries version $version" "$page" "\"vigie $version\""
	for word in 0 1 2 VIGIE_LANG LANGUAGE NO_COLOR XDG_STATE_HOME XDG_CONFIG_HOME \
		VIGIE_PASSPHRASE SOURCE_DATE_EPOCH share/vigie; do
		t_grep "$lang page mentions $word" "$page" "$word"
	done

	LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l "$page" >"$SCRATCH/rendered" \
		2>"$SCRATCH/warnings"
	t_empty "$lang page renders without warnings" "$SCRATCH/warnings"
	t_grep "  and renders" "$SCRATCH/rendered" "vigie"
done

# The completion: run it in bash with bash-completion, as an interactive shell would.
completion=$(cd "$SRC" && pwd)/completion/vigie.bash
bc=/usr/share/bash-completion/bash_completion
t_run "completion script parses" 0 bash -n "$completion"
if [ ! -f "$bc" ]; then
	t_notok "bash-completion is not installed ($bc): install the packages of scripts/packages/test-install.txt"
else
	# complete WORDS...: what <TAB> offers after WORDS (the last word is being completed).
	complete_words() {
		bash -c '. "$1"; . "$2"; shift 2
			COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			_vigie "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
			printf "%s\n" "${COMPREPLY[@]}"' sh "$bc" "$completion" "$VIGIE" "$@"
	}
	complete_words "" >"$SCRATCH/offered"
	for cmd in $commands; do
		if grep -qx -- "$cmd" "$SCRATCH/offered"; then
			t_ok "completion offers '$cmd'"
		else
			t_notok "completion does not offer '$cmd'" "$(cat "$SCRATCH/offered")"
		fi
		# Each command's operands are a decision in the script's last case.
		if awk '/# Operands\./ { on = 1 } on && /esac/ { exit } on' "$completion" |
			tr -c 'a-z\n' ' ' | tr ' ' '\n' | grep -qx -- "$cmd"; then
			t_ok "  and the script's operand case names '$cmd'"
		else
			t_notok "  the operand case of $completion does not name '$cmd': say what it takes"
		fi
		complete_words "$cmd" "--" >"$SCRATCH/offered-opts"
		for opt in $(help_options "$cmd"); do
			grep -qx -- "$opt" "$SCRATCH/offered-opts" && t_ok "  completes $cmd $opt" ||
				t_notok "  completion of '$cmd --' misses $opt" "$(cat "$SCRATCH/offered-opts")"
		done
	done
	complete_words --lang "" >"$SCRATCH/offered"
	t_grep "completion offers languages after --lang" "$SCRATCH/offered" "en"
	mkdir -p "$SCRATCH/dir" && : >"$SCRATCH/dir/a.yaml" && : >"$SCRATCH/dir/b.json"
	(cd "$SCRATCH/dir" && complete_words validate "") >"$SCRATCH/offered"
	t_grep "completion offers YAML files to validate" "$SCRATCH/offered" "a.yaml"
	if grep -qx "b.json" "$SCRATCH/offered"; then
		t_notok "  but not JSON files" "$(cat "$SCRATCH/offered")"
	else
		t_ok "  but not JSON files"
	fi
fi

t_done
