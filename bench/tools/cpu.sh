# CPU accounting shared by bench/dhcp4-perfdhcp.sh and bench/dhcp6-perfdhcp.sh (sourced, not run).
#
# Per measured round: the server's CPU (user + system ticks of its process, from /proc, read just
# before perfdhcp starts and just after it exits) and perfdhcp's own CPU (user + system of the
# perfdhcp process, from wait4(2) via tools/rusage.py, over its whole run: the measured period).
# Both are divided by the exchanges perfdhcp completed in that run; perfdhcp's CPU over its wall
# time is "pd %core".
#
# perfdhcp's CPU does not say whether it was saturated: Kea 2.2's perfdhcp (basic scenario) polls
# without sleeping whenever the offered rate is 10,000/s or more, so it uses ~100 % of a core at
# any such rate, and below that it sleeps 1 us at a time. What does say it is the share of the
# offered first messages (DISCOVER / SOLICIT) it managed to send: it sends at most one per loop
# (aggressivity 1), so a loop slowed by its own work falls behind the schedule. "pd sent%" is
# DISCOVERs (SOLICITs) sent / (offered rate x period); under PD_KEEPUP % (97) the row is flagged
# "pd-behind": perfdhcp could not offer the load, and the completed rate is perfdhcp's ceiling, not
# the server's. "busy" flags a round where perfdhcp spent PD_BUSY % (10) or more of its run
# runnable but waiting for a CPU (schedstat run delay): other load on the machine disturbed it.
#
# Queue drops: drops_begin / drops_end around the measured run count the datagrams lost because a
# receive queue was full: the server's (its sockets' kernel queues on its DHCP port, from the drops
# column of /proc/net/udp and udp6 in its namespace, plus its own packet queue: the growth of its
# pktN-receive-drop statistic, where ruru counts the datagrams its full queue dropped) and
# perfdhcp's (the UDP receive-buffer errors of perfdhcp's namespace, less the server's when they
# share one). Drops on perfdhcp's side mean perfdhcp did not read the replies fast enough: the
# generator, not the server, lost them. Shown as "qdrop srv/pd".
#
# The summary per case and server gives the weighted mean (total CPU / total completed exchanges
# over the rounds) and the capacity ratio: the other server's mean CPU per exchange / ruru's, i.e.
# how many times ruru's exchanges one core of the server's CPU would complete. Unlike the
# completed/s ratio it does not stop at perfdhcp's ceiling.
#
# Pinning (set_pinning "PD:SRV", e.g. "0:1"): perfdhcp runs under `taskset -c PD`, the server under
# `taskset -c SRV`; pin_pd and pin_srv are the command prefixes (empty arrays without pinning).
# "auto" (the scripts' default) is perfdhcp on CPU 0 and the server on all the others, on a machine
# with two CPUs or more; "none" pins nothing. Why: perfdhcp polls a whole CPU at 10,000/s offered or
# more, and unpinned the scheduler keeps moving the server's threads onto that CPU and off it, which
# makes both servers' figures (ruru's most, being multi-threaded) vary with where they landed.

# BENCH_PRIORITY=1 (for a machine shared with other work): raise_priority puts the benchmark's
# scheduling at nice -20 for the run: with autogroups on (kernel.sched_autogroup_enabled=1, where
# the nice of single processes only counts within their session) the session's autogroup, set back
# by restore_priority on exit; otherwise the script itself, whose children inherit it. Both servers
# and perfdhcp get it alike; other sessions' load then disturbs the figures much less.

PD_KEEPUP=97 PD_BUSY=10
pin_pd=() pin_srv=()
declare -A acc_ticks=() acc_n=() acc_pd_cpu=() acc_pd_wall=() acc_pd_sent=() acc_offered=() acc_sat=() acc_rounds=()

raise_priority() {
    if [ -z "${BENCH_PRIORITY:-}" ]; then
        awk -v n="$(nproc)" '{if ($1 > n) printf "warning: load average %s on %d CPUs: other work will disturb the figures," \
            " pinned processes most (they cannot move to a quieter CPU); BENCH_PRIORITY=1 helps\n", $1, n}' \
            /proc/loadavg >&2
        return 0
    fi
    if [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ] && [ -w "/proc/$$/autogroup" ]; then
        autogroup_nice=$(awk '{print $NF}' "/proc/$$/autogroup")
        echo -20 > "/proc/$$/autogroup"
    else
        renice -n -20 -p $$ >/dev/null
    fi
}
restore_priority() {
    [ -n "${autogroup_nice:-}" ] && echo "$autogroup_nice" > "/proc/$$/autogroup" 2>/dev/null
    return 0
}

set_pinning() { # $1 = auto | none | "PD_CPUS:SERVER_CPUS" (taskset lists); sets pin to what is used ("" for none)
    local n
    pin=$1
    if [ "$pin" = auto ]; then
        n=$(nproc)
        if [ "$n" -ge 2 ] && command -v taskset >/dev/null; then
            pin=0:1
            [ "$n" -eq 2 ] || pin=0:1-$((n - 1))
        else
            pin=
        fi
    fi
    [ "$pin" != none ] || pin=
    [ -n "$pin" ] || return 0
    command -v taskset >/dev/null || { echo "pinning needs taskset (util-linux)" >&2; exit 2; }
    case $pin in *:*) ;; *) echo "pinning wants PERFDHCP_CPUS:SERVER_CPUS (e.g. 0:1), auto or none" >&2; exit 2 ;; esac
    pin_pd=(taskset -c "${pin%%:*}") pin_srv=(taskset -c "${pin#*:}")
    "${pin_pd[@]}" true && "${pin_srv[@]}" true || { echo "bad CPU list in $pin" >&2; exit 2; }
}

# account KEY SERVER_TICKS COMPLETED_EXCHANGES PERFDHCP_RUSAGE_FILE PERFDHCP_OUTPUT OFFERED_RATE SECONDS
# adds one round to KEY's totals and sets row_srv_us, row_srv_pct (the server's CPU over perfdhcp's run, % of
# a core), row_pd_pct, row_pd_us, row_pd_sent and row_flag
account() {
    local key=$1 ticks=$2 n=$3 ut st wall runq sent offered=$(( $6 * $7 ))
    read -r ut st wall runq < "$4" 2>/dev/null || { ut=0 st=0 wall=0 runq=0; }
    sent=$(awk '/^sent packets:/ {print $3; exit}' "$5" 2>/dev/null)
    sent=${sent:-0}
    acc_ticks[$key]=$(( ${acc_ticks[$key]:-0} + ticks ))
    acc_n[$key]=$(awk -v a="${acc_n[$key]:-0}" -v b="$n" 'BEGIN {printf "%.0f", a + b}')
    acc_pd_cpu[$key]=$(awk -v a="${acc_pd_cpu[$key]:-0}" -v u="$ut" -v s="$st" 'BEGIN {print a + u + s}')
    acc_pd_wall[$key]=$(awk -v a="${acc_pd_wall[$key]:-0}" -v w="$wall" 'BEGIN {print a + w}')
    acc_pd_sent[$key]=$(( ${acc_pd_sent[$key]:-0} + sent ))
    acc_offered[$key]=$(( ${acc_offered[$key]:-0} + offered ))
    acc_rounds[$key]=$(( ${acc_rounds[$key]:-0} + 1 ))
    row_srv_us=$(awk -v c="$ticks" -v hz="$hz" -v n="$n" 'BEGIN {if (n > 0) printf "%.1f", c * 1e6 / hz / n; else print "-"}')
    row_srv_pct=$(awk -v c="$ticks" -v hz="$hz" -v w="$wall" 'BEGIN {if (w > 0) printf "%.0f", c * 100 / hz / w; else print "-"}')
    row_pd_pct=$(awk -v u="$ut" -v s="$st" -v w="$wall" 'BEGIN {if (w > 0) printf "%.0f", (u + s) * 100 / w; else print "-"}')
    row_pd_us=$(awk -v u="$ut" -v s="$st" -v n="$n" 'BEGIN {if (n > 0) printf "%.1f", (u + s) * 1e6 / n; else print "-"}')
    row_pd_sent=$(awk -v s="$sent" -v o="$offered" 'BEGIN {if (o > 0) printf "%.0f", s * 100 / o; else print "-"}')
    row_flag=
    if [ "$row_pd_sent" != - ] && [ "$row_pd_sent" -lt "$PD_KEEPUP" ]; then
        row_flag=pd-behind
        acc_sat[$key]=$(( ${acc_sat[$key]:-0} + 1 ))
    fi
    if awk -v q="${runq:-0}" -v w="$wall" -v t="$PD_BUSY" 'BEGIN {exit !(w > 0 && q * 100 >= t * w)}'; then
        row_flag="$row_flag${row_flag:+,}busy"
    fi
    return 0
}

# sock_drops NS PORT_HEX [EXCLUDED_ADDRESS_HEX]: datagrams dropped so far at the receive queues of the
# UDP sockets of NS bound to that local port (v4 and v6), leaving out one local address
sock_drops() {
    ip netns exec "$1" cat /proc/net/udp /proc/net/udp6 \
        | awk -v p=":$2" -v x="${3:-none}:" '$2 ~ p "$" && index($2, x) != 1 {d += $NF} END {print d + 0}'
}
# rcvbuf_errors NS: UDP datagrams NS's kernel dropped for a full receive buffer so far (v4 + v6)
rcvbuf_errors() {
    ip netns exec "$1" cat /proc/net/snmp /proc/net/snmp6 \
        | awk '/^Udp:/ {if (h) v += $6; h = 1} /^Udp6RcvbufErrors/ {v += $2} END {print v + 0}'
}
# stat_value CONTROL_SOCKET NAME: a statistic's current value (0 when the server does not answer)
stat_value() {
    local v
    v=$(printf '{ "command": "statistic-get", "arguments": { "name": "%s" } }' "$2" \
        | socat -t 2 - "UNIX:$1" 2>/dev/null | grep -o '\[ *\[ *[0-9]*' | head -1 | grep -o '[0-9]*$' || true)
    echo "${v:-0}"
}
# drops_begin SERVER_NS PORT_HEX PERFDHCP_NS EXCLUDED_ADDRESS_HEX|- CONTROL_SOCKET STATISTIC;
# drops_end [SERVER] sets row_drops ("srv/pd", the server's kernel and own queue drops together), and apart:
# row_kdrop (the server's sockets' kernel queues), row_qdrop (its own queue, the statistic) and
# row_pddrop (perfdhcp's)
drops_begin() {
    drop_args=("$@")
    drop_k0=$(sock_drops "$1" "$2" "$4") drop_q0=$(stat_value "$5" "$6") drop_pd0=$(rcvbuf_errors "$3")
}
drops_end() {
    local pd
    row_kdrop=$(( $(sock_drops "${drop_args[0]}" "${drop_args[1]}" "${drop_args[3]}") - drop_k0 ))
    row_qdrop=$(( $(stat_value "${drop_args[4]}" "${drop_args[5]}") - drop_q0 ))
    # ruru since 2026-12-07 15:00 (gso) counts its sockets' kernel drops in the statistic too (SO_RXQ_OVFL):
    # its own queue's drops are what is left (base, an older checkout, and Kea do not count them)
    if [ "${1:-}" = ruru ]; then
        row_qdrop=$(( row_qdrop - row_kdrop ))
        [ "$row_qdrop" -ge 0 ] || row_qdrop=0
    fi
    pd=$(( $(rcvbuf_errors "${drop_args[2]}") - drop_pd0 ))
    [ "${drop_args[0]}" = "${drop_args[2]}" ] && pd=$(( pd - row_kdrop ))
    [ "$pd" -ge 0 ] || pd=0
    row_pddrop=$pd
    row_drops=$(( row_kdrop + row_qdrop ))/$pd
}

# mean_us KEY: the server's mean CPU per exchange over KEY's rounds, in us (empty when nothing completed)
mean_us() {
    awk -v c="${acc_ticks[$1]:-0}" -v hz="$hz" -v n="${acc_n[$1]:-0}" 'BEGIN {if (n > 0) printf "%.1f", c * 1e6 / hz / n}'
}

# cpu_summary PREFIX UNIT KEY_PREFIX SERVER...: one "cpu" line per server, then a "capacity" line for
# ruru against each other server (kea, base) with the completed/s ratio beside it
cpu_summary() {
    local prefix=$1 unit=$2 kp=$3 s other; shift 3
    for s in "$@"; do
        [ -n "${acc_rounds[$kp$s]:-}" ] || continue
        printf "%scpu  %-6s %6s us/%s server; perfdhcp %s us/%s, %s %% of a core, sent %s %% of the offered load%s\n" \
            "$prefix" "$s" "$(mean_us "$kp$s")" "$unit" \
            "$(awk -v c="${acc_pd_cpu[$kp$s]}" -v n="${acc_n[$kp$s]}" 'BEGIN {if (n > 0) printf "%.1f", c * 1e6 / n; else print "-"}')" \
            "$unit" "$(awk -v c="${acc_pd_cpu[$kp$s]}" -v w="${acc_pd_wall[$kp$s]}" 'BEGIN {if (w > 0) printf "%.0f", c * 100 / w; else print "-"}')" \
            "$(awk -v s="${acc_pd_sent[$kp$s]}" -v o="${acc_offered[$kp$s]}" 'BEGIN {if (o > 0) printf "%.0f", s * 100 / o; else print "-"}')" \
            "$( [ "${acc_sat[$kp$s]:-0}" -gt 0 ] && echo " (perfdhcp behind in ${acc_sat[$kp$s]} of ${acc_rounds[$kp$s]} rounds: there the completed rate is perfdhcp's ceiling)")"
    done
    for other in kea base; do
        [ -n "${acc_rounds[$kp$other]:-}" ] && [ -n "${acc_rounds[${kp}ruru]:-}" ] || continue
        awk -v p="$prefix" -v o="$other" -v u="$unit" -v a="$(mean_us "${kp}ruru")" -v b="$(mean_us "$kp$other")" \
            -v na="${acc_n[${kp}ruru]}" -v nb="${acc_n[$kp$other]}" \
            'BEGIN {if (a > 0 && b > 0 && nb > 0)
                printf "%scapacity ruru/%s %.2fx (CPU per %s: %s %.1f us / ruru %.1f us); completed/s ratio %.2fx\n",
                    p, o, b / a, u, o, b, a, na / nb}'
    done
    return 0
}

# BENCH_THREADS=1: threads_begin PID / threads_end PID print the server's threads that used the most CPU
# over the measured run (name: ms user+system), to see where a server's CPU goes (readers, workers,
# the JIT compiler, the collector)
threads_snap() {
    local t
    for t in /proc/"$1"/task/*; do
        awk -v id="${t##*/}" '{sub(/^[^(]*\(/, ""); n = $0; sub(/\).*$/, "", n); sub(/^.*\) /, "");
            gsub(/ /, "_", n); print id, n, $12 + $13}' "$t/stat" 2>/dev/null
    done
}
threads_begin() {
    [ -n "${BENCH_THREADS:-}" ] || return 0
    threads_snap "$1" > "$work/threads0"
}
threads_end() {
    [ -n "${BENCH_THREADS:-}" ] || return 0
    threads_snap "$1" > "$work/threads1"
    awk -v hz="$hz" 'NR == FNR {a[$1] = $3; next} {d = $3 - a[$1]; if (d > 0) {n[$2] += d; c[$2]++}}
        END {for (k in n) printf "%d %s%s:%.0fms\n", n[k], k, (c[k] > 1 ? "x" c[k] : ""), n[k] * 1000 / hz}' \
        "$work/threads0" "$work/threads1" | sort -rn | head -8 | awk '{printf " %s", $2} END {print ""}' | sed 's/^/    threads:/'
}
