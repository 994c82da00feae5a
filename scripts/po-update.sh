#!/bin/sh
# Refreshes po/vigie.pot from the sources and merges it into po/fr.po and po/en.po.
# msgids are French (the fallback when no catalogue is found); fr.po repeats them.
set -eu
cd "$(dirname "$0")/.."
xgettext -k_ -kN_ --from-code=UTF-8 --language=C --package-name=vigie \
	-o po/vigie.pot src/tui/*.c src/cmd_assess.c
for lang in fr en; do
	msgmerge -q --update --backup=none "po/$lang.po" po/vigie.pot
done
[ "${1:-}" = --fill-fr ] && msgen po/vigie.pot | msgmerge -q -o po/fr.po po/fr.po - || true
msgfmt --check --statistics -o /dev/null po/en.po
