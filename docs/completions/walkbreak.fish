# SPDX-License-Identifier: GPL-3.0-or-later
# fish completion for walkbreak. Keep in sync with the command table (cli/commands_*.cpp).

set -l commands status walk snooze skip pause resume reload today stats history chart log delete export import checkin config doctor

complete -c walkbreak -f
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -l config -r -F -d 'Config file'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -l db -r -F -d Database
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -l socket -r -F -d 'Control socket'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c walkbreak -s h -l help -d 'Print help'

complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a status -d "Sitting time, next reminder, today's minutes"
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a walk -d 'Going for a walk now'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a snooze -d 'Delay the reminder'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a skip -d 'Skip this reminder'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a pause -d 'No reminders for a while'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a resume -d 'Reminders again after a pause'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a reload -d 'Make walkbreakd read its config again'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a today -d 'Today at a glance'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Minutes walked per day, goal marked'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a history -d 'The walks, newest first'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a chart -d 'Daily walking minutes as SVG'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a log -d 'Record a walk by hand'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a delete -d 'Remove a walk by its id'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a export -d 'All records as JSON or CSV'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a import -d 'Add the records of an export'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a checkin -d 'How your back feels after the last walk'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a config -d 'Check, show or locate the configuration'
complete -c walkbreak -n "not __fish_seen_subcommand_from $commands" -a doctor -d 'Check the desktop, the service, the database'

complete -c walkbreak -n "__fish_seen_subcommand_from status" -l json -d 'One line of JSON'
complete -c walkbreak -n "__fish_seen_subcommand_from status" -l waybar -d 'JSON for a Waybar module'
complete -c walkbreak -n "__fish_seen_subcommand_from status" -l follow -d 'A line at every change'
complete -c walkbreak -n "__fish_seen_subcommand_from pause" -l until -x -d 'Until a time of day (HH:MM)'
complete -c walkbreak -n "__fish_seen_subcommand_from today history doctor" -l json -d 'Print JSON'
complete -c walkbreak -n "__fish_seen_subcommand_from history" -l limit -x -d 'How many walks'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l day -x -a 'today yesterday monday tuesday wednesday thursday friday saturday sunday' -d 'One day'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l week -x -a 'today yesterday last' -d 'The week holding a date'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l month -x -a last -d 'A month (YYYY-MM) or last'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l from -x -a 'today yesterday' -d 'First day'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l to -x -a 'today yesterday' -d 'Last day'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l json -d 'Print JSON'
complete -c walkbreak -n "__fish_seen_subcommand_from stats" -l csv -d 'Print CSV'
complete -c walkbreak -n "__fish_seen_subcommand_from chart" -l weeks -x -d 'How many weeks'
complete -c walkbreak -n "__fish_seen_subcommand_from chart" -s o -l output -r -F -d 'Write the SVG here'
complete -c walkbreak -n "__fish_seen_subcommand_from log" -l at -x -d 'When the walk started'
complete -c walkbreak -n "__fish_seen_subcommand_from log" -l note -x -d 'A note kept with the walk'
complete -c walkbreak -n "__fish_seen_subcommand_from export" -l format -x -a 'csv json' -d 'Output format'
complete -c walkbreak -n "__fish_seen_subcommand_from import" -F -d 'Export file'
complete -c walkbreak -n "__fish_seen_subcommand_from import" -l json -d 'Print the counts as JSON'
complete -c walkbreak -n "__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from check show path" -a 'check show path'
complete -c walkbreak -n "__fish_seen_subcommand_from path check show" -l json -d 'Print JSON'
complete -c walkbreak -n "__fish_seen_subcommand_from checkin" -a 'better same worse' -d 'How your back feels'
