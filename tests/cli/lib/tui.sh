# Helpers for the tmux-driven TUI tests (sourced; not a test itself).
# The caller sets VIGIE, SRC, SCRATCH and SOCK before sourcing.
# Screens are polled (capture-pane) until they show what is expected, for at most
# TUI_WAIT polls of 20 ms: no fixed sleeps.
TUI_WAIT=${TUI_WAIT:-500}
GOLDEN="$SRC/tests/data/tui"
# A private directory with a short path, for what a golden screen shows (session files):
# the screen does not depend on how long the clone's path is. Shown as @TMP@ in goldens.
TUI_TMP=$(mktemp -d /tmp/vg.XXXXXXXX)

tmx() { tmux -L "$SOCK" -f /dev/null "$@"; }

fail() {
	echo "FAIL: $*"
	echo "--- screen:"
	tmx capture-pane -p -t t 2>/dev/null
	exit 1
}

# Starts vigie with ARGS in a fresh tmux session named t (80x24, or TUI_COLS x TUI_ROWS),
# in the scratch dir, with HOME and XDG_STATE_HOME there. The wrapper shell keeps the pane after vigie exits.
# It ignores the signals sent to vigie while vigie runs, then becomes a sleep that the
# SIGHUP of kill-session or kill-server ends (a shell that still ignored it outlived the
# test by ten minutes).
tui_start() {
	cat >"$SCRATCH/run.sh" <<EOS
trap : INT HUP TERM
cd "$SCRATCH"
env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" LANG="${TUI_LANG:-C.UTF-8}" \
	LC_ALL= LANGUAGE= VIGIE_LANG= SOURCE_DATE_EPOCH=1796464800 ${TUI_ENV:-} "$VIGIE" "\$@" 2>"$SCRATCH/stderr"
rc=\$?
stty sane 2>/dev/null
printf '\\r\\n[exit %s]\\r\\n' "\$rc"
trap - INT HUP TERM
exec sleep 600
EOS
	# The new session is made before the old one goes, so the server never exits
	# between two runs (a client then races a dying server).
	tmx new-session -d -s next -x "${TUI_COLS:-80}" -y "${TUI_ROWS:-24}" sh "$SCRATCH/run.sh" "$@"
	tmx kill-session -t t 2>/dev/null || true
	tmx rename-session -t next t
}

# Polls until the screen contains the fixed string $1.
tui_wait() {
	i=0
	while [ $i -lt "$TUI_WAIT" ]; do
		if tmx capture-pane -p -t t 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		tmx has-session -t t 2>/dev/null || fail "tmux session gone while waiting for: $1"
		i=$((i + 1))
		sleep 0.02
	done
	fail "timed out waiting for: $1"
}

# Polls until the screen no longer contains $1.
tui_wait_gone() {
	i=0
	while [ $i -lt "$TUI_WAIT" ]; do
		if ! tmx capture-pane -p -t t 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	fail "timed out waiting for this to go: $1"
}

tui_keys() { tmx send-keys -t t "$@"; }
# Types literal text (UTF-8 included).
tui_type() { tmx send-keys -t t -l -- "$1"; }

# The screen on stdin with this run's directories replaced by @TMP@ and @SCRATCH@.
tui_subst() { sed -e "s|$TUI_TMP|@TMP@|g" -e "s|$SCRATCH|@SCRATCH@|g"; }

# Compares the screen with tests/data/tui/$1.txt (paths replaced by tui_subst),
# polling until it matches; TUI_UPDATE_GOLDEN=1 rewrites the file instead.
tui_golden() {
	want="$GOLDEN/$1.txt"
	if [ "${TUI_UPDATE_GOLDEN:-}" = 1 ]; then
		tmx capture-pane -p -t t | tui_subst >"$want"
		return 0
	fi
	i=0
	while [ $i -lt "$TUI_WAIT" ]; do
		tmx capture-pane -p -t t | tui_subst >"$SCRATCH/screen.txt"
		if cmp -s "$SCRATCH/screen.txt" "$want"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	diff -u "$want" "$SCRATCH/screen.txt"
	fail "screen differs from golden $1"
}

# PID of the vigie process running in the pane.
tui_pid() {
	pgrep -P "$(tmx display-message -p -t t '#{pane_pid}')"
}

tui_cleanup() {
	tmx kill-server 2>/dev/null || true
	rm -rf "$TUI_TMP"
}
