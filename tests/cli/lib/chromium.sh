# shellcheck shell=sh
# Headless Chromium for the tests of vigie's HTML pages (sourced, not a test itself), after
# tests/lib.sh (SCRATCH, t_notok, t_done):
#   . "$SRC/tests/cli/lib/chromium.sh"
#   chromium_need pdfinfo          # chromium and these tools, or a failed test
#   chrome NAME ARGS...            # Chromium on ARGS; $SCRATCH/NAME.out, .log, .net
#   page_requests $SCRATCH/NAME.net   # the URLs the page asked for, one a line
#   chrome_probe NAME HTML WIDTH   # the layout probe's lines in $SCRATCH/NAME.probe
# Chromium is kept off the network: its host resolver maps every name to nothing and its
# proxy is a closed loopback port.
chromium=$(command -v chromium || command -v chromium-browser)

# chromium_need TOOL...: Chromium and each TOOL are installed; otherwise one failed check
# that says which package list brings them, and the test ends.
chromium_need() {
	cn_missing=""
	[ -n "$chromium" ] || cn_missing=" chromium"
	for cn_tool in "$@"; do
		command -v "$cn_tool" >/dev/null 2>&1 || cn_missing="$cn_missing $cn_tool"
	done
	[ -z "$cn_missing" ] && return 0
	t_notok "missing:$cn_missing (scripts/packages/test-report.txt; make test installs them)"
	t_done
	exit 1
}

# chrome NAME ARGS...: runs headless Chromium on loopback only; stdout in $SCRATCH/NAME.out,
# stderr (console messages) in $SCRATCH/NAME.log, NetLog in $SCRATCH/NAME.net.
chrome() {
	cname=$1
	shift
	profile=$(mktemp -d "$SCRATCH/profile.XXXXXX")
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --host-resolver-rules='MAP * ~NOTFOUND' \
		--proxy-server='127.0.0.1:9' --enable-logging=stderr --v=0 \
		--log-net-log="$SCRATCH/$cname.net" "$@" >"$SCRATCH/$cname.out" 2>"$SCRATCH/$cname.log"
	crc=$?
	rm -rf "$profile"
	return $crc
}

# Requests a page made: NetLog events of the page's network isolation key (file://);
# Chromium's own background requests have another key and are refused by the resolver.
page_requests() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
urls = {e["params"]["url"] for e in d["events"]
        if "url" in e.get("params", {}) and "file://" in str(e["params"].get("network_isolation_key", ""))}
print("\n".join(sorted(urls)))' "$1"
}

# chrome_probe NAME HTML WIDTH: the layout probe on HTML rendered WIDTH px wide: the page
# with its CSP removed and a script that measures every table cell against the widest of
# its words (canvas measureText in the cell's font) and the radar's labels, if any,
# against the chart's box; --dump-dom prints what it wrote. Its lines in
# $SCRATCH/NAME.probe: NARROW (a cell narrower than a word), CELLS N (cells measured),
# LABEL (a radar label), OUTSIDE (a label outside the chart), OVERFLOW (an element whose
# right edge is past the page's, so that the page scrolls sideways; a table's own scroll
# box, class "tw", may be wider than the page).
# Words over 40 characters may break (a pasted URL, a hostile note).
chrome_probe() {
	cat >"$SCRATCH/probe.js" <<'EOT'
(function () {
  var out = [], ctx = document.createElement('canvas').getContext('2d'), cells = 0;
  document.querySelectorAll('td, th').forEach(function (el) {
    var cs = getComputedStyle(el), inner, widest = 0, word = '';
    ctx.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    el.textContent.split(/\s+/).forEach(function (w) {
      var m = ctx.measureText(w).width;
      if (w.length <= 40 && m > widest) { widest = m; word = w; }
    });
    inner = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    cells++;
    if (widest > inner + 1)
      out.push('NARROW ' + Math.round(inner) + 'px < ' + Math.round(widest) + 'px: ' + word);
  });
  out.push('CELLS ' + cells);
  document.querySelectorAll('svg[aria-labelledby="radar-t radar-d"] text.rl').forEach(function (t) {
    var b = t.getBBox(), vb = t.ownerSVGElement.viewBox.baseVal;
    out.push('LABEL ' + t.textContent.replace(/\s+/g, ' ').trim());
    if (b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width || b.y + b.height > vb.y + vb.height)
      out.push('OUTSIDE ' + t.textContent);
  });
  var W = document.documentElement.getBoundingClientRect().width;
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (el.closest('.tw') === null && r.width > 0 && r.right > W + 1)
      out.push('OVERFLOW ' + el.tagName.toLowerCase() + ' ' + Math.round(r.right) + 'px > ' + W +
               'px: ' + el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60));
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = '\n' + out.join('\n') + '\n';
  document.body.appendChild(pre);
})();
EOT
	{
		sed -e '/Content-Security-Policy/d' -e 's|</body>||' -e 's|</html>||' "$2"
		# Headless Chromium's window is at least 500 px wide: the page is laid out WIDTH
		# px wide whatever the window.
		printf '<style>html{width:%spx}</style>\n' "$3"
		printf '<script>\n'
		cat "$SCRATCH/probe.js"
		printf '</script></body></html>\n'
	} >"$SCRATCH/$1.probe.html"
	chrome "$1-probe" --dump-dom --window-size="$3,1400" "file://$SCRATCH/$1.probe.html"
	sed -n '/<pre id="probe">/,/<\/pre>/p' "$SCRATCH/$1-probe.out" | grep -E '^(NARROW|CELLS|LABEL|OUTSIDE|OVERFLOW)' \
		>"$SCRATCH/$1.probe"
}
