# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for walkbreak. Keep in sync with the command table (cli/commands_*.cpp).

_walkbreak() {
    # Plain COMP_WORDS, so that the script works without the bash-completion package.
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local -a words=("${COMP_WORDS[@]}")
    local cword=$COMP_CWORD

    local commands="status walk snooze skip pause resume meeting reload today stats history chart
        log edit delete export import checkin config devices doctor"
    local global="--config --db --socket --help --version"

    # The command is the first word that is not an option or an option's value.
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --config|--db|--socket) ((i++)) ;;
            -*) ;;
            *) command=${words[i]}; break ;;
        esac
    done

    case $prev in
        --config|--db|--socket|-o|--output)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --format)
            COMPREPLY=($(compgen -W "csv json" -- "$cur"))
            return ;;
        --day|--from|--to)
            COMPREPLY=($(compgen -W "today yesterday monday tuesday wednesday thursday friday
                saturday sunday" -- "$cur"))
            return ;;
        --week|--month)
            COMPREPLY=($(compgen -W "last" -- "$cur"))
            return ;;
        --limit|--weeks|--at|--note|--until)
            return ;;
    esac

    local opts
    case $command in
        "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
        status) opts="--json --waybar --follow" ;;
        pause) opts="--until" ;;
        today) opts="--json --device" ;;
        devices|doctor) opts="--json" ;;
        stats) opts="--day --week --month --from --to --json --csv --device" ;;
        history) opts="--limit --json --csv --device" ;;
        chart) opts="--weeks -o --output" ;;
        log) opts="--at --note --force" ;;
        edit) opts="--at --duration --note --force" ;;
        export) opts="--format" ;;
        checkin)
            COMPREPLY=($(compgen -W "better same worse --help" -- "$cur"))
            return ;;
        import)
            opts="--json"
            if [[ $cur != -* ]]; then
                compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -f -- "$cur"))
                return
            fi ;;
        config)
            if [[ ${words[cword-1]} == config ]]; then
                COMPREPLY=($(compgen -W "check show path" -- "$cur"))
                return
            fi
            opts="--json" ;;
        *) opts="" ;;
    esac
    COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
}
complete -F _walkbreak walkbreak
