#!/bin/sh
# Refreshes po/vigie.pot from the sources and merges it into po/en.po; po/fr.po is the
# identity catalogue (msgids are French, the fallback when no catalogue is found).
# Translate the new or fuzzy entries of po/en.po by hand afterwards.
set -eu
cd "$(dirname "$0")/.."
# Every source: the UI, the commands' --help and messages, the loaders' refusals.
xgettext -k_ -kN_ -kngettext:1,2 --from-code=UTF-8 --language=C --package-name=vigie \
	--package-version=0.1.0 --sort-by-file -o po/vigie.pot src/*.c src/tui/*.c src/tui/*.h src/check/*.c
msgmerge -q --update --backup=none po/en.po po/vigie.pot
msgattrib --no-obsolete -o po/en.po po/en.po
msgen -o po/fr.po po/vigie.pot
# The identity catalogue's header: not fuzzy, with real values.
sed -i -e '1,/^msgid ""/{/^#/d}' -e 's/^"Language: \\n"/"Language: fr\\n"/' \
	-e 's/charset=CHARSET/charset=UTF-8/' \
	-e 's/^"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"/"Plural-Forms: nplurals=2; plural=(n > 1);\\n"/' \
	-e 's/^"PO-Revision-Date: .*"/"PO-Revision-Date: 2026-11-29 05:00+0000\\n"/' \
	-e 's/^"Last-Translator: .*"/"Last-Translator: vigie authors\\n"/' \
	-e 's/^"Language-Team: .*"/"Language-Team: vigie\\n"/' po/fr.po
sed -i '1i # vigie UI messages in French: msgids are French, so this catalogue is the identity.' po/fr.po
msgfmt --check --statistics -o /dev/null po/en.po
msgfmt --check -o /dev/null po/fr.po
