#!/usr/bin/env bash
# Benchmark: completed DHCPv4 DORA exchanges per second, ruru vs kea-dhcp4, same configuration,
# same machine, alternating rounds. A benchmark, not a test: it prints figures and asserts nothing.
#
#   sudo bench/dhcp4-perfdhcp.sh [-r RATE] [-p SECONDS] [-n ROUNDS] [-w WARMUP] [-m default|true|false]
#
# -m default leaves "multi-threading" out of the configuration, so each server runs its own default
# (kea-dhcp4 2.2: single-threaded; ruru: multi-threaded, as Kea 3); -m true or false sets it for both.
# The pool is the 131,070 addresses of 198.18.0.0/15. The warm-up uses 1,000 returning clients, so
# it warms the same code without using up the pool; the measured period uses only new clients, so
# period x completed rate must stay under the pool size: the default 5 s allows 26,000/s.
#
# Needs root, iproute2 and perfdhcp (Debian: kea-admin); kea-dhcp4 (kea-dhcp4-server) is compared
# when installed. Traffic stays on a veth pair between two network namespaces made here and
# removed on exit: the server answers on 192.0.2.1, perfdhcp acts as a relay from 192.0.2.2, and
# leases come from the benchmarking range 198.18.0.0/15 (RFC 2544).
set -euo pipefail
rate=30000 period=5 rounds=3 warmup=10 mt=default
while getopts "r:p:n:w:m:" o; do
    case $o in
        r) rate=$OPTARG ;; p) period=$OPTARG ;; n) rounds=$OPTARG ;; w) warmup=$OPTARG ;; m) mt=$OPTARG ;;
        *) echo "usage: $0 [-r rate] [-p seconds] [-n rounds] [-w warmup-seconds] [-m default|true|false]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
command -v perfdhcp >/dev/null || { echo "needs perfdhcp: apt-get install kea-admin" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bin/ruru" --help >/dev/null   # builds ruru if needed, before any timing
work=$(mktemp -d /tmp/ruru-bench.XXXXXX)
tag=$$
srv=rbs$tag cli=rbc$tag
cleanup() {
    pkill -f "$work/kea4.json" 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$srv"; ip netns add "$cli"
ip link add "vs$tag" type veth peer name "vc$tag"
ip link set "vs$tag" netns "$srv"; ip link set "vc$tag" netns "$cli"
ip netns exec "$srv" ip addr add 192.0.2.1/24 dev "vs$tag"
ip netns exec "$cli" ip addr add 192.0.2.2/24 dev "vc$tag"
for n in "$srv" "$cli"; do ip netns exec "$n" ip link set lo up; done
ip netns exec "$srv" ip link set "vs$tag" up; ip netns exec "$cli" ip link set "vc$tag" up

cat > "$work/kea4.json" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "vs$tag" ], "dhcp-socket-type": "udp" },
  "control-socket": { "socket-type": "unix", "socket-name": "$work/ctl.sock" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$work/leases4.csv", "lfc-interval": 3600 },
$( [ "$mt" = default ] || printf '  "multi-threading": { "enable-multi-threading": %s },' "$mt" )
  "valid-lifetime": 4000,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "192.0.2.2" ] },
                 "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "$work/server.log" } ], "severity": "WARN" } ]
} }
JSON

start_server() { # $1 = ruru|kea
    rm -f "$work"/leases4.csv* "$work/ctl.sock"
    mkdir -p /run/kea
    if [ "$1" = ruru ]; then
        (cd "$work" && KEA_PIDFILE_DIR="$work" exec ip netns exec "$srv" "$root/bin/ruru" dhcp4 -c "$work/kea4.json" \
            >"$work/ruru.out" 2>&1) &
    else
        (cd "$work" && KEA_PIDFILE_DIR="$work" exec ip netns exec "$srv" kea-dhcp4 -c "$work/kea4.json" \
            >"$work/kea.out" 2>&1) &
    fi
    for _ in $(seq 1 200); do [ -S "$work/ctl.sock" ] && return 0; sleep 0.1; done
    echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1
}
stop_server() {
    echo '{ "command": "shutdown" }' | ip netns exec "$srv" socat - "UNIX:$work/ctl.sock" >/dev/null 2>&1 \
        || pkill -f "$work/kea4.json" || true
    for _ in $(seq 1 100); do pgrep -f "$work/kea4.json" >/dev/null || return 0; sleep 0.1; done
    pkill -9 -f "$work/kea4.json" || true
}
measure() { # $1 = seconds, $2 = number of distinct clients; prints "rate drops%"
    ip netns exec "$cli" perfdhcp -4 -g single -r "$rate" -R "$2" -p "$1" -l 192.0.2.2 192.0.2.1 >"$work/pd.out" 2>&1 || true
    cp "$work/pd.out" "/tmp/pd-last.out" 2>/dev/null || true
    local r d
    r=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd.out" | head -1)
    d=$(awk '/^drops ratio/ {print $3}' "$work/pd.out" | tail -1)
    echo "${r:-0} ${d:-?}"
}

servers=(ruru)
# BENCH_ONLY_RURU=1 skips kea-dhcp4 (for profiling runs).
if [ -z "${BENCH_ONLY_RURU:-}" ]; then
    command -v kea-dhcp4 >/dev/null && servers+=(kea) || echo "kea-dhcp4 not installed: measuring ruru only"
fi
echo "offered $rate DORA/s, $period s per round after ${warmup} s warm-up, multi-threading $mt, $(nproc) cores"
printf "%-6s %-6s %14s %10s %8s\n" round server "completed/s" "drops(ACK)" leases
declare -A sum
for i in $(seq 1 "$rounds"); do
    for s in "${servers[@]}"; do
        start_server "$s"
        [ "$warmup" -gt 0 ] && measure "$warmup" 1000 >/dev/null
        read -r r d < <(measure "$period" 100000000)
        leases=$(($(wc -l < "$work/leases4.csv") - 1))
        stop_server
        printf "%-6s %-6s %14s %10s %8s\n" "$i" "$s" "$r" "$d" "$leases"
        sum[$s]=$(awk -v a="${sum[$s]:-0}" -v b="$r" 'BEGIN {print a + b}')
    done
done
for s in "${servers[@]}"; do
    printf "mean %-6s %.0f completed DORA/s\n" "$s" "$(awk -v a="${sum[$s]}" -v n="$rounds" 'BEGIN {print a / n}')"
done
