#!/usr/bin/env bash
# Benchmark: ruru dhcp4 against kea-dhcp4 2.2 on the same configuration, same machine, same run, in
# alternating rounds (ruru, Kea, ruru, Kea ...). A benchmark, not a test: it prints figures and
# asserts nothing.
#
#   sudo bench/dhcp4-perfdhcp.sh [-t TESTS] [-r RATE] [-f FIXED_RATE] [-C CEILING_RATE] [-p SECONDS]
#                                [-n ROUNDS] [-w WARMUP] [-m default|true|false] [-l LEASES] [-P PD:SRV|auto|none]
#                                [-q QUOTAS] [-b BUDGET_RATE|auto] [-T PERIOD_US] [-W CONFINED_WARMUP]
#
# TESTS is a comma list (default veth,loopback,fixed,startup):
#   veth      completed DORA/s at RATE (default 30,000) offered, the server in one network namespace
#             and perfdhcp (-g single, acting as a relay) in another, across a veth pair.
#   loopback  the same with server and perfdhcp in one namespace on its loopback interface: the server
#             bound to lo/127.0.0.1 (UDP), perfdhcp relaying from 127.0.0.2.
#   fixed     loopback at FIXED_RATE (default 9,000) offered: below perfdhcp's ceiling and both
#             servers' capacity, so both complete (nearly) all of it and the figure that differs is
#             the server's CPU per exchange, measured without saturation (the cleanest capacity).
#   ceiling   loopback at CEILING_RATE (default 60,000) offered, for at most 3 s a round (the pool):
#             the most perfdhcp completes on this machine, and its CPU while doing it. Not a default.
#   budget-veth, budget-loopback (budget = both; not a default): the equal-CPU-budget case. Each
#             server, at its defaults and pinned as the others, is confined after its warm-up to the
#             same CPU quota, QUOTAS % of one core (comma list, default 50; a cgroup, see
#             bench/tools/cgroup.sh: v1 cpu.cfs_quota_us or v2 cpu.max, period PERIOD_US, default
#             10,000), warms up CONFINED_WARMUP s more (default 10) and is then offered BUDGET_RATE
#             DORA/s (default auto: 400/s per % of quota, 20,000/s at 50 %): more than either server
#             completes on that budget, and less than perfdhcp sends on its own core, so the server
#             is the bottleneck and the completed/s ratio is the servers' throughput ratio on equal CPU.
#   startup   time from launch to the first answered DISCOVER (a probe sends one every 10 ms from just
#             before the launch), with no lease file and then with a generated file of LEASES leases
#             (default 1,000,000, Kea 2.2's schema, read by both), and the server's resident memory
#             (VmRSS) 5 s after that first answer; bytes per lease = (RSS loaded - RSS empty) / LEASES.
#             "CPU s" is the CPU time the server process had used when it answered (user + system,
#             the launcher's children included): steadier than the wall time on a busy machine.
# Throughput rounds also report the server's CPU time (user+system, from /proc) per completed
# exchange, which the machine's other load disturbs far less than the rate, and perfdhcp's own CPU
# (user+system of its process over its run) as % of a core and per completed exchange, and the
# share of the offered DISCOVERs it sent ("pd sent%"): perfdhcp -g single is one thread that polls
# without sleeping at 10,000/s offered or more, so its CPU is ~a core there whatever it achieves;
# a row flagged "pd-behind" (sent under 97 %) measured perfdhcp's ceiling, not the server's, and
# "busy" means other load kept perfdhcp waiting for a CPU. Each test's summary adds the mean CPU per DORA and the
# capacity ratio, Kea's (or base's) mean CPU per DORA / ruru's, next to the completed/s ratio (see
# bench/tools/cpu.sh).
#
# -P PD:SRV pins perfdhcp to CPU list PD and the server to CPU list SRV (taskset, e.g. -P 0:1) in
# the throughput tests. The default, auto, is perfdhcp on CPU 0 and the server on all the others
# (on 2 cores: one each; Kea 2.2 at its default uses one anyway, and perfdhcp's polling loop owns
# the other); -P none lets the scheduler place both (bench/tools/cpu.sh says why that varies more).
#
# -m default leaves "multi-threading" out of the configuration, so each server runs its own default
# (kea-dhcp4 2.2: single-threaded; ruru: multi-threaded, as Kea 3); -m true or false sets it for both.
# Throughput leases come from 198.18.0.0/15 (131,070 addresses): the warm-up uses 1,000 returning
# clients, the measured period only new ones, so period x completed rate must stay under the pool
# (the default 3 s allows 43,000/s; at 5 s a round the pool capped completions at 26,214/s). The start-up file's leases are in a second subnet (10.0.0.0/12)
# that the probe never asks for, so the probe's DISCOVER costs the same with and without them.
#
# The budget rows (bench/tools/cgroup.sh) add, per round, the server's CPU over the run as % of its
# quota ("srv %quota"), the time the cgroup was throttled ("thr ms", and "thr %" of its periods),
# and apart the datagrams its sockets' kernel queues dropped ("kdrop"), its own queue dropped
# ("qdrop": the growth of pkt4-receive-drop) and perfdhcp's side dropped ("pd drop"). A row is
# valid when the server spent >= 90 % of its quota or dropped over 1 % of its queries all the same
# (the bottleneck with CPU to spare, marked "(idle-drops)"; else "unsat": offered too little, raise -b), and
# perfdhcp sent >= 97 % of the offered load, was not kept from its CPU and lost under 1 % of the
# replies in its own receive buffer (else "pd-behind", "busy" or "pd-drop"); the summary gives the
# completed/s per core of budget and ruru's ratio over the valid rows.
# Method and limits: everything a server process does is charged to its quota, the JVM's JIT
# compiler and collector threads included (fair: they are the price of the JVM; the warm-ups, 10 s
# unconfined then 10 s confined, take the start-up compilation out, but C2 still recompiles during
# the measured runs); datagrams are delivered to a socket on the sender's CPU (loopback, veth), so
# the kernel's receive work for the server's queries is charged to perfdhcp, for both servers alike.
# A quota is not a smaller core: the server runs at full speed for QUOTA x PERIOD, then stalls until
# the next period (up to 5 ms at 50 %, 10 ms period), so it meets bursts: a server whose own queue
# is short (ruru's drop-oldest packet queue, as Kea's multi-threaded one) drops queries after a
# stall that a server reading straight from the kernel's buffer (Kea 2.2 single-threaded) answers
# late instead; the queue drops column shows it. So the period matters: at 50 % on loopback (shared
# machine, 2026-12-07 12:21-12:41) ruru/Kea was 1.42x with 10 ms, 1.11x with 100 ms (50 ms stalls:
# ruru's queue drops cost it 38-40 us/DORA, Kea unchanged at 43-44), and at 2 ms both servers left
# most of their quota unused while dropping (a period near the kernel's CFS bandwidth slice,
# sched_cfs_bandwidth_slice_us, 5 ms, is not enforced smoothly): keep -T at 10,000. The budget measures a fraction of one core's
# work and how each server sheds overload on it; it says nothing of how a server spreads over more
# cores. On a bigger machine at defaults Kea 2.2 still uses one core (single-threaded) while ruru's
# threads may use all: its ratio there could be higher than on an equal budget, but only if its
# packet path spreads (one reader per socket answers until its queue fills, then the workers help)
# and its lease-file writes keep up, neither of which this machine can show. A fair stand-in for
# "2x at defaults" on one core (the server's defaults, the same CPU for both, overload handled as
# each server handles it), not a prediction for many cores.
#
# Needs root, iproute2, python3, socat and perfdhcp (Debian: kea-admin); kea-dhcp4
# (kea-dhcp4-server) is compared when installed. Everything runs in network namespaces made here
# and removed on exit. BENCH_ONLY_RURU=1 skips kea-dhcp4; BENCH_KEEP=1 keeps the work directory.
# BENCH_THREADS=1 prints, under each row, the server's threads that used the most CPU in the
# measured run (readers, workers, the JIT compiler, the collector).
# BENCH_BASELINE=DIR also runs the ruru of another checkout (built there first, e.g. a worktree of
# main) as server "base" in the same alternating rounds: a change's effect, measured against
# itself rather than against a figure from another day. BENCH_PRIORITY=1 runs the benchmark at
# nice -20 (its session's autogroup; see bench/tools/cpu.sh) on a machine shared with other work.
set -euo pipefail
tests=veth,loopback,fixed,startup rate=30000 fixed_rate=9000 ceiling_rate=60000 period=3 rounds=3 warmup=10
mt=default nleases=1000000 pin=auto quotas=50 budget_rate=auto cg_period=10000 cg_warmup=10
while getopts "t:r:f:C:p:n:w:m:l:P:q:b:T:W:" o; do
    case $o in
        t) tests=$OPTARG ;; r) rate=$OPTARG ;; f) fixed_rate=$OPTARG ;; C) ceiling_rate=$OPTARG ;;
        p) period=$OPTARG ;; n) rounds=$OPTARG ;; w) warmup=$OPTARG ;; m) mt=$OPTARG ;; l) nleases=$OPTARG ;;
        P) pin=$OPTARG ;; q) quotas=$OPTARG ;; b) budget_rate=$OPTARG ;; T) cg_period=$OPTARG ;; W) cg_warmup=$OPTARG ;;
        *) echo "usage: $0 [-t veth,loopback,fixed,ceiling,budget,budget-veth,budget-loopback,startup] [-r rate]" \
                "[-f fixed-rate] [-C ceiling-rate] [-p seconds] [-n rounds] [-w warmup-seconds] [-m default|true|false]" \
                "[-l leases] [-P pd-cpus:server-cpus|auto|none] [-q quota%,...] [-b budget-rate|auto] [-T period-us] [-W confined-warmup]" >&2
           exit 2 ;;
    esac
done
IFS=, read -ra want <<< "${tests//budget,/budget-veth,budget-loopback,}"
[ "${want[-1]}" = budget ] && want[-1]=budget-veth && want+=(budget-loopback)
budget=
for t in "${want[@]}"; do
    case $t in veth|loopback|fixed|ceiling|startup) ;; budget-veth|budget-loopback) budget=1 ;;
        *) echo "unknown test $t" >&2; exit 2 ;; esac
done
IFS=, read -ra quota_list <<< "$quotas"
for q in "${quota_list[@]}"; do
    [[ $q =~ ^[0-9]+$ ]] && [ "$q" -ge 5 ] && [ "$q" -le 100 ] || { echo "-q wants percentages of a core, 5 to 100" >&2; exit 2; }
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
if [ -n "$budget" ]; then
    cg_init "ruru-bench-$$" || { echo "the budget tests need a CPU cgroup (v1 cpu.cfs_quota_us or v2 cpu.max)" \
        "and none is usable here: $cg_note" >&2; exit 2; }
fi
# shellcheck source=../bin/lib/java.sh
. "$root/bin/lib/java.sh"
ruru_require_jdk
"$root/bin/ruru" dhcp4 -v >/dev/null   # builds ruru and its start-up cache if needed, before any timing
work=$(mktemp -d /tmp/ruru-bench.XXXXXX)
# one directory per kind of file, as ruru (like Kea 3) requires; Kea 2.2 is given the same paths
mkdir -p "$work/run" "$work/lib" "$work/log" && chmod 750 "$work/run" "$work/lib" "$work/log"
tag=$$
srv=rbs$tag cli=rbc$tag lo=rbl$tag
server_pid=""
cleanup() {
    restore_priority
    pd_rcvbuf_restore
    [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true
    cg_remove
    for n in "$srv" "$cli" "$lo"; do ip netns del "$n" 2>/dev/null || true; done
    [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
raise_priority   # with BENCH_PRIORITY=1, from here on (not the build above)
ip netns add "$srv"; ip netns add "$cli"; ip netns add "$lo"
ip link add "vs$tag" type veth peer name "vc$tag"
ip link set "vs$tag" netns "$srv"; ip link set "vc$tag" netns "$cli"
ip netns exec "$srv" ip addr add 192.0.2.1/24 dev "vs$tag"
ip netns exec "$cli" ip addr add 192.0.2.2/24 dev "vc$tag"
for n in "$srv" "$cli" "$lo"; do ip netns exec "$n" ip link set lo up; done
ip netns exec "$lo" ip addr add 127.0.0.2/8 dev lo   # perfdhcp relays from an address of its own
ip netns exec "$srv" ip link set "vs$tag" up; ip netns exec "$cli" ip link set "vc$tag" up

config() { # $1 = interface entry, $2 = relay address, $3 = with the multi-threading choice (yes|no)
    cat > "$work/kea4.json" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "$1" ], "dhcp-socket-type": "udp" },
  "control-socket": { "socket-type": "unix", "socket-name": "$work/run/ctl.sock" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$work/lib/leases4.csv", "lfc-interval": 3600 },
$( [ "$mt" = default ] || [ "$3" = no ] || printf '  "multi-threading": { "enable-multi-threading": %s },' "$mt" )
  "valid-lifetime": 4000,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "$2" ] },
                 "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] },
               { "id": 2, "subnet": "10.0.0.0/12", "relay": { "ip-addresses": [ "192.0.2.99" ] },
                 "pools": [ { "pool": "10.0.0.1 - 10.15.255.254" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "$work/log/server.log" } ], "severity": "WARN" } ]
} }
JSON
}

server_cmd() { # $1 = ruru|base|kea, $2 = namespace, $3 = pin (yes|no): prints the command line, one word per line
    [ "${3:-no}" = yes ] && [ ${#pin_srv[@]} -gt 0 ] && printf '%s\n' "${pin_srv[@]}"
    if [ "$1" = ruru ] || [ "$1" = base ]; then
        printf '%s\n' env KEA_PIDFILE_DIR="$work/run" KEA_CONTROL_SOCKET_DIR="$work/run" KEA_LOG_FILE_DIR="$work/log" \
            KEA_DHCP_DATA_DIR="$work/lib" ip netns exec "$2" \
            "$([ "$1" = base ] && echo "$BENCH_BASELINE" || echo "$root")/bin/ruru" dhcp4 -c "$work/kea4.json"
    else
        printf '%s\n' env KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run" ip netns exec "$2" kea-dhcp4 \
            -c "$work/kea4.json"
    fi
}

start_server() { # $1 = ruru|kea, $2 = namespace; waits for the control socket; pinned with -P
    rm -f "$work/run/ctl.sock"
    mapfile -t cmd < <(server_cmd "$1" "$2" yes)
    "${cmd[@]}" >"$work/$1.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        # the control socket opens before the DHCP sockets: a server that cannot bind dies just after
        [ -S "$work/run/ctl.sock" ] && sleep 1 && kill -0 "$server_pid" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1
}
stop_server() {
    echo '{ "command": "shutdown" }' | socat - "UNIX:$work/run/ctl.sock" >/dev/null 2>&1 || kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || { server_pid=""; return 0; }; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

perfdhcp_run() { # $1 = namespace, $2 = seconds, $3 = clients, $4 = local address, $5 = server address, $6 = rate
    # perfdhcp's own CPU over its run goes to pd.cpu (ip netns exec execs perfdhcp in the same process)
    with_pd_rcvbuf "${pin_pd[@]}" python3 "$tools/rusage.py" "$work/pd.cpu" -- \
        ip netns exec "$1" perfdhcp -4 -g single -r "$6" -R "$3" -p "$2" -l "$4" "$5" >"$work/pd.out" 2>&1 || true
}

servers=(ruru)
if [ -n "${BENCH_BASELINE:-}" ]; then
    "$BENCH_BASELINE/bin/ruru" dhcp4 -v >/dev/null   # builds it and its start-up cache before any timing
    servers+=(base)
fi
if [ -z "${BENCH_ONLY_RURU:-}" ]; then
    command -v kea-dhcp4 >/dev/null && servers+=(kea) || echo "kea-dhcp4 not installed: measuring ruru only"
fi
hz=$(getconf CLK_TCK)
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 || true), kea-dhcp4 $(kea-dhcp4 -v 2>/dev/null || echo none)$( \
     [ -n "$pin" ] && echo ", perfdhcp pinned to CPU ${pin%%:*}, the server to CPU ${pin#*:}")"

throughput() { # $1 = veth|loopback|fixed|ceiling|budget-veth|budget-loopback, $2 = the budget's quota (% of a core)
    local ns iface relay target offered=$rate secs=$period path=${1#budget-} q=${2:-} key=$1${2:+.$2}.
    if [ "$path" = veth ]; then
        ns=$srv iface="vs$tag" relay=192.0.2.2 target=192.0.2.1
    else
        ns=$lo iface="lo/127.0.0.1" relay=127.0.0.2 target=127.0.0.1
    fi
    [ "$1" = fixed ] && offered=$fixed_rate
    # the pool holds 131,070 leases: perfdhcp completes hardly more than 30,000/s here, so 3 s is safe
    [ "$1" = ceiling ] && offered=$ceiling_rate && [ "$secs" -gt 3 ] && secs=3
    [ -n "$q" ] && offered=$(budget_offered "$q")
    config "$iface" "$relay" yes
    echo
    if [ -n "$q" ]; then
        echo "== $1: each server confined to $q % of its core (cgroup $cg_version, period $((cg_period / 1000)) ms)," \
            "offered $offered DORA/s, $secs s per round after ${warmup} s unconfined and $cg_warmup s confined warm-up," \
            "multi-threading $mt"
        budget_header "%-6s %-6s" round server DORA
    else
        echo "== $1: offered $offered DORA/s, $secs s per round after ${warmup} s warm-up, multi-threading $mt$( \
            [ "$1" = fixed ] || [ "$1" = ceiling ] && echo ", on loopback")"
        printf "%-6s %-6s %12s %11s %9s %14s %9s %9s %11s %9s %14s\n" round server "completed/s" "drops(ACK)" leases \
            "CPU us/DORA" "srv %core" "pd %core" "pd us/DORA" "pd sent%" "qdrop srv/pd"
    fi
    local -A sum=()
    local i s r d leases c0 c1 n pdns
    pdns=$([ "$path" = veth ] && echo "$cli" || echo "$lo")
    for i in $(seq 1 "$rounds"); do
        for s in "${servers[@]}"; do
            rm -f "$work"/lib/leases4.csv*
            start_server "$s" "$ns"
            [ "$warmup" -gt 0 ] && perfdhcp_run "$pdns" "$warmup" 1000 "$relay" "$target" "$offered"
            if [ -n "$q" ]; then
                budget_begin "$server_pid" "$q"
                # confined warm-up: what only runs under overload (the drop paths) compiled before the measurement
                [ "$cg_warmup" -gt 0 ] && perfdhcp_run "$pdns" "$cg_warmup" 1000 "$relay" "$target" "$offered"
                budget_mark
            fi
            # the server's port 67 (not perfdhcp's relay socket on 127.0.0.2) and its own packet queue
            drops_begin "$ns" 0043 "$pdns" 0200007F "$work/run/ctl.sock" pkt4-receive-drop
            threads_begin "$server_pid"
            c0=$(cpu_ticks "$server_pid")
            perfdhcp_run "$pdns" "$secs" 100000000 "$relay" "$target" "$offered"
            c1=$(cpu_ticks "$server_pid")
            threads_row=$(threads_end "$server_pid")
            drops_end "$s"
            [ -z "$q" ] || budget_end
            cp "$work/pd.out" "$work/pd-$1${q:+-$q}-$s-$i.out"
            r=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd.out" | head -1)
            d=$(awk '/^drops ratio/ {print $3}' "$work/pd.out" | tail -1)
            leases=$(($(wc -l < "$work/lib/leases4.csv") - 1))
            stop_server
            n=$(awk -v r="${r:-0}" -v p="$secs" 'BEGIN {print r * p}')
            account "$key$s" $((c1 - c0)) "$n" "$work/pd.cpu" "$work/pd.out" "$offered" "$secs"
            if [ -n "$q" ]; then
                budget_row "$key$s" "%-6s %-6s" "$i" "$s" "${r:-0}" "${d:-?}" "$q"
            else
                printf "%-6s %-6s %12.0f %11s %9s %14s %9s %9s %11s %9s %14s %s\n" "$i" "$s" "${r:-0}" "${d:-?}" "$leases" \
                    "$row_srv_us" "$row_srv_pct" "$row_pd_pct" "$row_pd_us" "$row_pd_sent" "$row_drops" "$row_flag"
            fi
            [ -z "$threads_row" ] || echo "$threads_row"
            sum[$s]=$(awk -v a="${sum[$s]:-0}" -v b="${r:-0}" 'BEGIN {print a + b}')
        done
    done
    for s in "${servers[@]}"; do
        printf "mean %-6s %.0f completed DORA/s\n" "$s" "$(awk -v a="${sum[$s]}" -v n="$rounds" 'BEGIN {print a / n}')"
    done
    [ -n "${sum[kea]:-}" ] && awk -v a="${sum[ruru]}" -v b="${sum[kea]}" 'BEGIN {if (b > 0) printf "ratio ruru/kea %.2fx\n", a / b}'
    [ -n "${sum[base]:-}" ] && awk -v a="${sum[ruru]}" -v b="${sum[base]}" 'BEGIN {if (b > 0) printf "ratio ruru/base %.2fx\n", a / b}'
    cpu_summary "" DORA "$key" "${servers[@]}"
    [ -z "$q" ] || budget_summary "" "$key" "$q" "$secs" DORA "${servers[@]}"
}

startup() {
    config "vs$tag" 192.0.2.2 no
    echo
    echo "== startup: launch to first answered DISCOVER; VmRSS 5 s later; $nleases leases in the file"
    python3 "$tools/leases4-csv.py" "$nleases" "$work/leases-1m.csv" --schema 2.1 --hostnames
    printf "%-6s %-6s %9s %7s %8s %10s %8s %8s %12s %8s\n" round server "empty s" "CPU s" "RSS MiB" "loaded s" \
        "CPU s" "RSS MiB" "bytes/lease" "loaded"
    local i s t0 t1 c0 c1 pid0 pid1 m0 m1 loaded
    for i in $(seq 1 "$rounds"); do
        for s in "${servers[@]}"; do
            mapfile -t cmd < <(server_cmd "$s" "$srv")
            rm -f "$work"/lib/leases4.csv* "$work/run/ctl.sock"
            read -r t0 c0 pid0 < <(ip netns exec "$cli" python3 "$tools/first-offer.py" --relay 192.0.2.2 \
                --server 192.0.2.1 --out "$work/$s-empty.out" -- "${cmd[@]}") || { cat "$work/$s-empty.out" >&2; exit 1; }
            server_pid=$pid0
            sleep 5
            m0=$(rss_kib "$pid0")
            stop_server
            rm -f "$work"/lib/leases4.csv* "$work/run/ctl.sock"
            cp "$work/leases-1m.csv" "$work/lib/leases4.csv"
            read -r t1 c1 pid1 < <(ip netns exec "$cli" python3 "$tools/first-offer.py" --relay 192.0.2.2 \
                --server 192.0.2.1 --out "$work/$s-loaded.out" -- "${cmd[@]}") || { cat "$work/$s-loaded.out" >&2; exit 1; }
            server_pid=$pid1
            sleep 5
            m1=$(rss_kib "$pid1")
            loaded=$(echo '{ "command": "statistic-get", "arguments": { "name": "subnet[2].assigned-addresses" } }' \
                | socat - "UNIX:$work/run/ctl.sock" 2>/dev/null | grep -o '\[ *\[ *[0-9]*' | grep -o '[0-9]*$' || echo "?")
            stop_server
            printf "%-6s %-6s %9s %7s %8.0f %10s %8s %8.0f %12.0f %8s\n" "$i" "$s" "$t0" "$c0" "$((m0 / 1024))" "$t1" \
                "$c1" "$((m1 / 1024))" "$(awk -v a="$m0" -v b="$m1" -v n="$nleases" 'BEGIN {print (b - a) * 1024 / n}')" "$loaded"
        done
    done
}

for t in "${want[@]}"; do
    case $t in
        startup) startup ;;
        budget-*) for q in "${quota_list[@]}"; do throughput "$t" "$q"; done ;;
        *) throughput "$t" ;;
    esac
done
