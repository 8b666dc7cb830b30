#!/usr/bin/env bash
# Benchmark: completed DHCPv6 SOLICIT-ADVERTISE-REQUEST-REPLY exchanges per second, ruru vs
# kea-dhcp6, same configuration, same machine, in alternating rounds (each round runs every case,
# each case ruru then Kea). A benchmark, not a test: it prints figures and asserts nothing.
#
#   sudo bench/dhcp6-perfdhcp.sh [-t CASES] [-r RATE] [-s SLOW_RATE] [-f FIXED_RATE] [-C CEILING_RATE]
#                                [-p SECONDS] [-n ROUNDS] [-w WARMUP] [-m default|true|false] [-c] [-P PD:SRV|auto|none]
#                                [-q QUOTAS] [-b BUDGET_RATE|auto] [-T PERIOD_US] [-W CONFINED_WARMUP]
#
# CASES is a comma list (default defaults,mt,slow,fixed):
#   defaults  offered RATE (default 30,000) SARR/s; "multi-threading" is left out of the
#             configuration, so each server runs its own default (kea-dhcp6 2.2: single-threaded;
#             ruru: multi-threaded, as Kea 3).
#   mt        the same with "enable-multi-threading": true for both (each server's default thread
#             pool size and packet queue).
#   st        the same with "enable-multi-threading": false for both.
#   slow      offered SLOW_RATE (default 5,000) SARR/s at each server's default threading, for twice
#             the period: its figures are the drop ratios (SOLICIT-ADVERTISE and REQUEST-REPLY, as
#             perfdhcp counts them); issue 11's target is under 1 %.
#   fixed     offered FIXED_RATE (default 9,000) SARR/s at each server's default threading: below
#             perfdhcp's ceiling and both servers' capacity, so both complete (nearly) all of it and
#             the figure that differs is the server's CPU per exchange without saturation (the
#             cleanest capacity).
#   ceiling   offered CEILING_RATE (default 60,000) SARR/s at defaults: the most perfdhcp completes
#             on this machine, and its CPU while doing it. Not a default.
#   budget    the equal-CPU-budget case at each server's default threading (not a default): each
#             server, pinned as in the other cases, is confined after its warm-up to the same CPU
#             quota, QUOTAS % of one core (comma list, default 50, each a case of its own:
#             budget.30, budget.50 ...; a cgroup, v1 cpu.cfs_quota_us or v2 cpu.max, period
#             PERIOD_US, default 10,000: bench/tools/cgroup.sh), warms up CONFINED_WARMUP s more
#             (default 10), then is offered BUDGET_RATE SARR/s (default auto: 400/s per % of quota):
#             more than either completes on that budget, less than perfdhcp sends, so the server is
#             the bottleneck and the completed/s ratio is the servers' ratio on equal CPU.
#   budget-mt the same with "enable-multi-threading": true for both.
#             Budget rows give the server's CPU as % of its quota, the throttled time, the kernel's,
#             the server's own queue's and perfdhcp's drops apart, and flag a row that is not valid
#             ("unsat": the server left >= 10 % of its quota unused and dropped under 1 % of its
#             queries; "pd-behind"; "busy"; "pd-drop":
#             perfdhcp's receive buffer lost over 1 % of the replies); the
#             summary adds the completed rate per core of budget and ruru's ratio over valid rows.
#             Method and limits (what a quota charges, the stalls, what it says of bigger
#             machines): bench/dhcp4-perfdhcp.sh.
# -m default|true|false is the older way to ask for one case (defaults, mt, st).
# -c adds ten client classes evaluated on every packet (Kea 2.2's language, so both servers take
# them: options, DUID bytes, pkt6 fields, hexstring, split, the int-to-text family, addrtotext,
# member(); two match perfdhcp's queries and give options): what classification costs.
# Each client (DUID) gets one IA_NA address from the /64 pool of 2001:db8:1::/64, so the pool never
# runs out. The warm-up uses 1,000 returning clients; the measured period uses only new ones.
#
# Each row also gives the server's CPU time per completed exchange (user + system, from /proc), a
# figure a busy machine disturbs much less than the rate, and perfdhcp's own CPU (user + system of
# its process over its run) as % of a core and per completed exchange, and the share of the offered
# SOLICITs it sent ("pd sent%"): perfdhcp is one thread that polls without sleeping at 10,000/s
# offered or more, so its CPU is ~a core there whatever it achieves; a row flagged "pd-behind"
# (sent under 97 %) measured perfdhcp's ceiling, not the server's, and "busy" means other load kept
# perfdhcp waiting for a CPU.
# Each case's summary adds the mean CPU per SARR and the capacity ratio, Kea's (or base's) mean CPU
# per SARR / ruru's, next to the completed/s ratio (see bench/tools/cpu.sh).
# -P PD:SRV pins perfdhcp to CPU list PD and the server to CPU list SRV (taskset, e.g. -P 0:1). The
# default, auto, is perfdhcp on CPU 0 and the server on all the others (on 2 cores: one each);
# -P none lets the scheduler place both (bench/tools/cpu.sh says why that varies more). The slow
# case is not pinned unless -P is given: its figures are drop ratios at a rate where perfdhcp does
# not poll, measured as users run the servers.
#
# perfdhcp -6 runs in its default thread mode, which on a machine with more than one CPU is "multi"
# (a receiver thread beside the sending loop), so its CPU can pass 100 % of a core unless pinned.
#
# Needs root, iproute2, python3, socat and perfdhcp (Debian: kea-admin); kea-dhcp6
# (kea-dhcp6-server) is compared when installed. Traffic stays on a veth pair between two network
# namespaces made here and removed on exit: perfdhcp multicasts to ff02::1:2 from the client side's
# link-local address and the server answers on 2001:db8:1::1 and its link-local address.
# BENCH_THREADS=1 prints the server's busiest threads in each measured run.
# BENCH_ONLY_RURU=1 skips kea-dhcp6; BENCH_KEEP=1 keeps the work directory (perfdhcp's reports);
# BENCH_BASELINE=DIR also runs the ruru of another checkout (built there first, e.g. a worktree of
# main) as server "base" in the same alternating rounds. BENCH_PRIORITY=1 runs the benchmark at
# nice -20 (its session's autogroup; see bench/tools/cpu.sh) on a machine shared with other work.
set -euo pipefail
cases=defaults,mt,slow,fixed rate=30000 slow_rate=5000 fixed_rate=9000 ceiling_rate=60000 period=5 rounds=3
warmup=10 classes= pin=auto pin_given= quotas=50 budget_rate=auto cg_period=10000 cg_warmup=10
while getopts "t:r:s:f:C:p:n:w:m:cP:q:b:T:W:" o; do
    case $o in
        t) cases=$OPTARG ;; r) rate=$OPTARG ;; s) slow_rate=$OPTARG ;; f) fixed_rate=$OPTARG ;;
        C) ceiling_rate=$OPTARG ;; p) period=$OPTARG ;; n) rounds=$OPTARG ;; w) warmup=$OPTARG ;; P) pin=$OPTARG pin_given=1 ;;
        q) quotas=$OPTARG ;; b) budget_rate=$OPTARG ;; T) cg_period=$OPTARG ;; W) cg_warmup=$OPTARG ;;
        m) case $OPTARG in default) cases=defaults ;; true) cases=mt ;; false) cases=st ;;
               *) echo "-m default|true|false" >&2; exit 2 ;; esac ;;
        c) classes='"client-classes": [
    { "name": "c1", "test": "option[1].exists and substring(option[1].hex, 0, 2) == 0x0001" },
    { "name": "c2", "test": "pkt6.msgtype == 1 or pkt6.msgtype == 3",
      "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ] },
    { "name": "c3", "test": "hexstring(substring(option[1].hex, 0, 2), '"':'"') == '"'00:03'"'" },
    { "name": "c4", "test": "relay6[0].option[18].exists or vendor-class[4491].exists" },
    { "name": "c5", "test": "split('"'a.b.c'"', '"'.'"', 2) == '"'b'"' and member('"'c2'"')",
      "option-data": [ { "name": "domain-search", "data": "classified.example" } ] },
    { "name": "c6", "test": "uint16totext(substring(option[8].hex, 0, 2)) == '"'65535'"'" },
    { "name": "c7", "test": "addrtotext(pkt.src) == '"'2001:db8::99'"'" },
    { "name": "c8", "test": "pkt.iface == '"'nosuch0'"' or option[15].exists" },
    { "name": "c9", "test": "int32totext(pkt6.transid) == '"'0'"'" },
    { "name": "c10", "test": "concat(substring(option[1].hex, 2, 2), '"'x'"') == 0x000178 and not member('"'c4'"')" } ],' ;;
        *) echo "usage: $0 [-t defaults,mt,st,slow,fixed,ceiling,budget,budget-mt] [-r rate] [-s slow-rate]" \
                "[-f fixed-rate] [-C ceiling-rate] [-p seconds] [-n rounds] [-w warmup-seconds] [-m default|true|false] [-c]" \
                "[-P pd-cpus:server-cpus|auto|none] [-q quota%,...] [-b budget-rate|auto] [-T period-us]" \
                "[-W confined-warmup]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
command -v perfdhcp >/dev/null || { echo "needs perfdhcp: apt-get install kea-admin" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
tools=$root/bench/tools
# shellcheck source=tools/cpu.sh
. "$tools/cpu.sh"
# shellcheck source=tools/cgroup.sh
. "$tools/cgroup.sh"
. "$tools/pdbuf.sh"
set_pinning "$pin"
pinned_pd=("${pin_pd[@]}") pinned_srv=("${pin_srv[@]}")
"$root/bin/ruru" dhcp6 -v >/dev/null   # builds ruru and its start-up cache if needed, before any timing
IFS=, read -ra want <<< "$cases"
IFS=, read -ra quota_list <<< "$quotas"
budget=
for c in "${want[@]}"; do
    case $c in defaults|mt|st|slow|fixed|ceiling) ;; budget|budget-mt) budget=1 ;;
        *) echo "unknown case $c (defaults, mt, st, slow, fixed, ceiling, budget, budget-mt)" >&2; exit 2 ;; esac
done
for q in "${quota_list[@]}"; do
    [[ $q =~ ^[0-9]+$ ]] && [ "$q" -ge 5 ] && [ "$q" -le 100 ] || { echo "-q wants percentages of a core, 5 to 100" >&2; exit 2; }
done
expanded=()   # each budget case once per quota: budget.30, budget.50 ...
for c in "${want[@]}"; do
    case $c in budget|budget-mt) for q in "${quota_list[@]}"; do expanded+=("$c.$q"); done ;; *) expanded+=("$c") ;; esac
done
want=("${expanded[@]}")
if [ -n "$budget" ]; then
    cg_init "ruru-bench6-$$" || { echo "the budget cases need a CPU cgroup (v1 cpu.cfs_quota_us or v2 cpu.max)" \
        "and none is usable here: $cg_note" >&2; exit 2; }
fi
work=$(mktemp -d /tmp/ruru-bench6.XXXXXX)
# One directory per kind of file, as ruru (like Kea 3) requires; Kea 2.2 is given the same absolute paths.
mkdir -m 0750 "$work/etc" "$work/run" "$work/lib" "$work/log"
tag=$$
srv=rb6s$tag cli=rb6c$tag
server_pid=
stop_server() {
    [ -n "$server_pid" ] || return 0
    echo '{ "command": "shutdown" }' | ip netns exec "$srv" socat - "UNIX:$work/run/ctl.sock" >/dev/null 2>&1 \
        || kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || { server_pid=; return 0; }; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    server_pid=
}
cleanup() {
    restore_priority
    pd_rcvbuf_restore
    stop_server
    cg_remove
    ip netns del "$srv" 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
raise_priority   # with BENCH_PRIORITY=1, from here on (not the build above)
ip netns add "$srv"; ip netns add "$cli"
ip link add "vs$tag" type veth peer name "vc$tag"
ip link set "vs$tag" netns "$srv"; ip link set "vc$tag" netns "$cli"
for n in "$srv" "$cli"; do
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    ip netns exec "$n" ip link set lo up
done
# DAD off on the veths themselves too: they were moved in before the namespace defaults were set, so
# without this their link-local addresses stay tentative (unusable) for the first seconds.
ip netns exec "$srv" sysctl -qw "net.ipv6.conf.vs$tag.accept_dad=0"
ip netns exec "$cli" sysctl -qw "net.ipv6.conf.vc$tag.accept_dad=0"
ip netns exec "$srv" ip -6 addr add 2001:db8:1::1/64 dev "vs$tag" nodad
ip netns exec "$srv" ip link set "vs$tag" up; ip netns exec "$cli" ip link set "vc$tag" up
# Both ends need a usable (not tentative) link-local address before anyone binds to it.
for _ in $(seq 1 50); do
    ip netns exec "$srv" ip -6 addr show dev "vs$tag" scope link | grep inet6 | grep -vq tentative \
        && ip netns exec "$cli" ip -6 addr show dev "vc$tag" scope link | grep inet6 | grep -vq tentative && break
    sleep 0.1
done

config() { # $1 = default|true|false: the multi-threading choice
    cat > "$work/etc/kea6.json" <<JSON
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "vs$tag" ] },
  "control-socket": { "socket-type": "unix", "socket-name": "$work/run/ctl.sock" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$work/lib/leases6.csv", "lfc-interval": 3600 },
  "server-id": { "type": "LLT", "persist": false },
$( [ "$1" = default ] || printf '  "multi-threading": { "enable-multi-threading": %s },' "$1" )
  "preferred-lifetime": 3000, "valid-lifetime": 4000,
$classes
  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "vs$tag",
                 "pools": [ { "pool": "2001:db8:1::/64" } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "output_options": [ { "output": "$work/log/server.log" } ], "severity": "WARN" } ]
} }
JSON
}

start_server() { # $1 = ruru|kea
    rm -f "$work"/lib/leases6.csv* "$work/run/ctl.sock"
    if [ "$1" = ruru ] || [ "$1" = base ]; then
        KEA_PIDFILE_DIR="$work/run" KEA_DHCP_DATA_DIR="$work/lib" KEA_CONTROL_SOCKET_DIR="$work/run" \
            KEA_LOG_FILE_DIR="$work/log" \
            "${pin_srv[@]}" ip netns exec "$srv" "$([ "$1" = base ] && echo "$BENCH_BASELINE" || echo "$root")/bin/ruru" dhcp6 \
            -c "$work/etc/kea6.json" >"$work/$1.out" 2>&1 &
    else
        KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run" \
            "${pin_srv[@]}" ip netns exec "$srv" kea-dhcp6 -c "$work/etc/kea6.json" >"$work/kea.out" 2>&1 &
    fi
    server_pid=$!
    for _ in $(seq 1 200); do [ -S "$work/run/ctl.sock" ] && { sleep 0.5; return 0; }; sleep 0.1; done
    echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1
}
cpu_ticks() { # the server's user + system CPU so far, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$server_pid/stat" 2>/dev/null || echo 0
}
measure() { # $1 = offered rate, $2 = seconds, $3 = number of distinct clients; prints "rate drops-SA% drops-RR%"
    # perfdhcp's own CPU over its run goes to pd.cpu (ip netns exec execs perfdhcp in the same process)
    with_pd_rcvbuf "${pin_pd[@]}" python3 "$tools/rusage.py" "$work/pd.cpu" -- \
        ip netns exec "$cli" perfdhcp -6 -r "$1" -R "$3" -p "$2" -l "vc$tag" >"$work/pd.out" 2>&1 || true
    local r d
    r=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd.out" | head -1)
    d=$(awk '/^drops ratio/ {printf "%s ", $3}' "$work/pd.out")
    read -r sa rr <<< "$d"
    echo "${r:-0} ${sa:-?} ${rr:-?}"
}

servers=(ruru)
if [ -n "${BENCH_BASELINE:-}" ]; then
    "$BENCH_BASELINE/bin/ruru" dhcp6 -v >/dev/null   # builds it and its start-up cache before any timing
    servers+=(base)
fi
if [ -z "${BENCH_ONLY_RURU:-}" ]; then
    command -v kea-dhcp6 >/dev/null && servers+=(kea) || echo "kea-dhcp6 not installed: measuring ruru only"
fi
hz=$(getconf CLK_TCK)
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "kea-dhcp6 $(kea-dhcp6 -v 2>/dev/null || echo none)${classes:+, ten client classes}$( \
     [ -n "$pin" ] && echo ", perfdhcp pinned to CPU ${pin%%:*}, the server to CPU ${pin#*:}$( \
         [ -z "$pin_given" ] && echo " (slow: not pinned)")")"
echo "cases $cases; $rounds alternating rounds; $period s per round (slow: $((2 * period)) s) after ${warmup} s warm-up$( \
    [ -z "$budget" ] || echo "; budget cases: each server confined to QUOTA % of its core (cgroup $cg_version, period" \
        "$((cg_period / 1000)) ms) after the warm-up, then $cg_warmup s confined warm-up")"
header() { # $1 = plain|budget: the rows' titles, printed again when the kind of row changes
    [ "$1" != "${header_kind:-}" ] || return 0
    header_kind=$1
    if [ "$1" = budget ]; then
        budget_header "%-5s %-12s %-6s %8s" round case server offered SARR
    else
        printf "%-5s %-8s %-6s %8s %12s %9s %9s %8s %12s %9s %9s %11s %9s %14s\n" round case server offered "completed/s" \
            "drops SA" "drops RR" leases "CPU us/exch" "srv %core" "pd %core" "pd us/exch" "pd sent%" "qdrop srv/pd"
    fi
}
declare -A sum drop_sa drop_rr
for i in $(seq 1 "$rounds"); do
    for c in "${want[@]}"; do
        case $c in
            defaults) mt=default offered=$rate secs=$period ;;
            mt) mt=true offered=$rate secs=$period ;;
            st) mt=false offered=$rate secs=$period ;;
            slow) mt=default offered=$slow_rate secs=$((2 * period)) ;;
            fixed) mt=default offered=$fixed_rate secs=$period ;;
            ceiling) mt=default offered=$ceiling_rate secs=$period ;;
            budget.*) mt=default offered=$(budget_offered "${c#*.}") secs=$period ;;
            budget-mt.*) mt=true offered=$(budget_offered "${c#*.}") secs=$period ;;
        esac
        q=; case $c in budget*) q=${c#*.} ;; esac
        header "$([ -n "$q" ] && echo budget || echo plain)"
        config "$mt"
        pin_pd=("${pinned_pd[@]}") pin_srv=("${pinned_srv[@]}")
        [ "$c" = slow ] && [ -z "$pin_given" ] && pin_pd=() pin_srv=()
        for s in "${servers[@]}"; do
            start_server "$s"
            [ "$warmup" -gt 0 ] && measure "$offered" "$warmup" 1000 >/dev/null
            if [ -n "$q" ]; then
                budget_begin "$server_pid" "$q"
                # confined warm-up: what only runs under overload (the drop paths) compiled before the measurement
                [ "$cg_warmup" -gt 0 ] && measure "$offered" "$cg_warmup" 1000 >/dev/null
                budget_mark
            fi
            threads_begin "$server_pid"
            drops_begin "$srv" 0223 "$cli" - "$work/run/ctl.sock" pkt6-receive-drop   # port 547, its own queue
            c0=$(cpu_ticks)
            read -r r sa rr < <(measure "$offered" "$secs" 100000000)
            c1=$(cpu_ticks)
            threads_row=$(threads_end "$server_pid")
            drops_end "$s"
            [ -z "$q" ] || budget_end
            cp "$work/pd.out" "$work/pd6-$c-$s-$i.out"   # perfdhcp's whole report, kept with BENCH_KEEP=1
            # CPU per completed exchange: robust to a busy machine where the rate is not
            account "$c.$s" $((c1 - c0)) "$(awk -v r="$r" -v p="$secs" 'BEGIN {print r * p}')" "$work/pd.cpu" \
                "$work/pd.out" "$offered" "$secs"
            stop_server
            leases=$(cat "$work"/lib/leases6.csv* 2>/dev/null | awk -F, '$1 != "address" { a[$1] } END { print length(a) }')
            if [ -n "$q" ]; then   # drops: perfdhcp's SOLICIT-ADVERTISE / REQUEST-REPLY drop ratios, %
                budget_row "$c.$s" "%-5s %-12s %-6s %8s" "$i" "$c" "$s" "$offered" "$r" "${sa%.*}/${rr%.*}" "$q"
            else
                printf "%-5s %-8s %-6s %8s %12.0f %9s %9s %8s %12s %9s %9s %11s %9s %14s %s\n" "$i" "$c" "$s" "$offered" \
                    "$r" "$sa" "$rr" "$leases" "$row_srv_us" "$row_srv_pct" "$row_pd_pct" "$row_pd_us" "$row_pd_sent" \
                    "$row_drops" "$row_flag"
            fi
            [ -z "$threads_row" ] || echo "$threads_row"
            sum[$c.$s]=$(awk -v a="${sum[$c.$s]:-0}" -v b="$r" 'BEGIN {print a + b}')
            drop_sa[$c.$s]="${drop_sa[$c.$s]:-}${drop_sa[$c.$s]:+ / }$sa"
            drop_rr[$c.$s]="${drop_rr[$c.$s]:-}${drop_rr[$c.$s]:+ / }$rr"
        done
    done
done
echo
for c in "${want[@]}"; do
    for s in "${servers[@]}"; do
        printf "%-8s mean %-6s %8.0f completed SARR/s, drops SA %s %%, RR %s %%\n" "$c" "$s" \
            "$(awk -v a="${sum[$c.$s]}" -v n="$rounds" 'BEGIN {print a / n}')" "${drop_sa[$c.$s]}" "${drop_rr[$c.$s]}"
    done
    [ -n "${sum[$c.kea]:-}" ] && awk -v c="$c" -v a="${sum[$c.ruru]}" -v b="${sum[$c.kea]}" \
        'BEGIN {if (b > 0) printf "%-8s ratio ruru/kea %.2fx\n", c, a / b}'
    [ -n "${sum[$c.base]:-}" ] && awk -v c="$c" -v a="${sum[$c.ruru]}" -v b="${sum[$c.base]}" \
        'BEGIN {if (b > 0) printf "%-8s ratio ruru/base %.2fx\n", c, a / b}'
    cpu_summary "$(printf '%-8s ' "$c")" SARR "$c." "${servers[@]}"
    case $c in budget*) budget_summary "$(printf '%-8s ' "$c")" "$c." "${c#*.}" "$period" SARR "${servers[@]}" ;; esac
done
exit 0
