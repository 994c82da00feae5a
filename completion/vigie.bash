# bash completion for vigie(1), installed as share/bash-completion/completions/vigie.
# Commands and options are read from `vigie --help` and `vigie COMMAND --help` when
# completing, so they follow the binary being completed; the case below says what each
# option's argument and each command's operands are (tests/cli/man.sh checks the commands).

# Prints the commands `vigie --help` lists, one a line.
_vigie_commands()
{
	VIGIE_LANG=en "$1" --help 2>/dev/null |
		awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'
}

# Prints the options `vigie [COMMAND] --help` shows.
_vigie_options()
{
	VIGIE_LANG=en "$1" ${2:+"$2"} --help 2>/dev/null |
		grep -oE -- '(^|[][ ,|])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[][ ,|]//' | sort -u
}

# Prints the names of the YAML files in the installed data directory's SUBDIR.
_vigie_data_names()
{
	local exe dir f
	exe=$(type -P "$1" 2>/dev/null) || return
	exe=$(readlink -f "$exe") || return
	dir=${exe%/*}/../share/vigie/$2
	for f in "$dir"/*.yaml; do
		[[ -f $f ]] || continue
		f=${f##*/}
		printf '%s\n' "${f%.yaml}"
	done
}

_vigie()
{
	local cur prev words cword
	_init_completion || return

	local vigie=${words[0]} cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--lang) ((i++)) ;;
		-*) break ;; # options of the default command (assess)
		*)
			cmd=${words[i]}
			break
			;;
		esac
	done

	# The argument of an option.
	case $prev in
	--lang)
		COMPREPLY=($(compgen -W 'fr en' -- "$cur"))
		return
		;;
	-q | --questionnaire)
		COMPREPLY=($(compgen -W '$(_vigie_data_names "$vigie" questionnaires)' -- "$cur"))
		_filedir '@(yaml|yml)'
		return
		;;
	--profile)
		COMPREPLY=($(compgen -W '$(_vigie_data_names "$vigie" checks)' -- "$cur"))
		_filedir '@(yaml|yml)'
		return
		;;
	-a | --answers)
		_filedir '@(yaml|yml)'
		return
		;;
	--root | --check-root | --trusted)
		_filedir -d
		return
		;;
	--html)
		_filedir '@(html|htm)'
		return
		;;
	--csv)
		_filedir csv
		return
		;;
	--previous)
		_filedir json
		return
		;;
	-o | --out)
		if [[ $cmd == score ]]; then
			_filedir json
		else
			_filedir
		fi
		return
		;;
	--session | --db | --key | --cert | --pubkey | --ca | --tls-ca | --trust-anchor)
		_filedir
		return
		;;
	--tls | --tls-timeout | --only | --jobs | --since | --until | --insee | --resolver | \
	--dkim-selector | --timeout)
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '$(_vigie_options "$vigie")
				$(_vigie_options "$vigie" assess)' -- "$cur"))
		else
			COMPREPLY=($(compgen -W '$(_vigie_commands "$vigie")' -- "$cur"))
		fi
		return
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '$(_vigie_options "$vigie" "$cmd")' -- "$cur"))
		return
	fi

	# Operands.
	case $cmd in
	validate) _filedir '@(yaml|yml)' ;;
	sign | verify | report | compare | collect) _filedir json ;;
	version | summary | history | tls | dns | keygen | check | assess | score) ;;
	*) _filedir ;;
	esac
} &&
	complete -F _vigie vigie
