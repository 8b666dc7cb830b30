#!/usr/bin/env bash
# Benchmark: completed DHCPv6 SOLICIT-ADVERTISE-REQUEST-REPLY exchanges per second, ruru vs
# kea-dhcp6, same configuration, same machine, alternating rounds. A benchmark, not a test: it
# prints figures and asserts nothing.
#
#   sudo bench/dhcp6-perfdhcp.sh [-r RATE] [-p SECONDS] [-n ROUNDS] [-w WARMUP] [-m default|true|false] [-c]
#
# -c adds ten client classes evaluated on every packet (Kea 2.2's language, so both servers take
# them: options, DUID bytes, pkt6 fields, hexstring, split, the int-to-text family, addrtotext,
# member(); two match perfdhcp's queries and give options): what classification costs.
# -m default leaves "multi-threading" out of the configuration, so each server runs its own default
# (kea-dhcp6 2.2: single-threaded; ruru: multi-threaded, as Kea 3); -m true or false sets it for both.
# Each client (DUID) gets one IA_NA address from the /64 pool of 2001:db8:1::/64, so the pool never
# runs out. The warm-up uses 1,000 returning clients; the measured period uses only new ones.
#
# Each row also gives the server's CPU time per completed exchange (user + system, from /proc), a
# figure a busy machine disturbs much less than the rate.
#
# Needs root, iproute2 and perfdhcp (Debian: kea-admin); kea-dhcp6 (kea-dhcp6-server) is compared
# when installed. Traffic stays on a veth pair between two network namespaces made here and
# removed on exit: perfdhcp multicasts to ff02::1:2 from the client side's link-local address and
# the server answers on 2001:db8:1::1 and its link-local address.
set -euo pipefail
rate=20000 period=5 rounds=3 warmup=10 mt=default classes=
while getopts "r:p:n:w:m:c" o; do
    case $o in
        r) rate=$OPTARG ;; p) period=$OPTARG ;; n) rounds=$OPTARG ;; w) warmup=$OPTARG ;; m) mt=$OPTARG ;;
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
        *) echo "usage: $0 [-r rate] [-p seconds] [-n rounds] [-w warmup-seconds] [-m default|true|false] [-c]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
command -v perfdhcp >/dev/null || { echo "needs perfdhcp: apt-get install kea-admin" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bin/ruru" dhcp4 -v >/dev/null   # builds ruru and its start-up cache if needed, before any timing
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
    stop_server
    ip netns del "$srv" 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
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

cat > "$work/etc/kea6.json" <<JSON
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "vs$tag" ] },
  "control-socket": { "socket-type": "unix", "socket-name": "$work/run/ctl.sock" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$work/lib/leases6.csv", "lfc-interval": 3600 },
  "server-id": { "type": "LLT", "persist": false },
$( [ "$mt" = default ] || printf '  "multi-threading": { "enable-multi-threading": %s },' "$mt" )
  "preferred-lifetime": 3000, "valid-lifetime": 4000,
$classes
  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "vs$tag",
                 "pools": [ { "pool": "2001:db8:1::/64" } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "output_options": [ { "output": "$work/log/server.log" } ], "severity": "WARN" } ]
} }
JSON

start_server() { # $1 = ruru|kea
    rm -f "$work"/lib/leases6.csv* "$work/run/ctl.sock"
    if [ "$1" = ruru ]; then
        KEA_PIDFILE_DIR="$work/run" KEA_DHCP_DATA_DIR="$work/lib" KEA_CONTROL_SOCKET_DIR="$work/run" \
            KEA_LOG_FILE_DIR="$work/log" \
            ip netns exec "$srv" "$root/bin/ruru" dhcp6 -c "$work/etc/kea6.json" >"$work/ruru.out" 2>&1 &
    else
        KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run" \
            ip netns exec "$srv" kea-dhcp6 -c "$work/etc/kea6.json" >"$work/kea.out" 2>&1 &
    fi
    server_pid=$!
    for _ in $(seq 1 200); do [ -S "$work/run/ctl.sock" ] && { sleep 0.5; return 0; }; sleep 0.1; done
    echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1
}
cpu_ticks() { # the server's user + system CPU so far, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$server_pid/stat" 2>/dev/null || echo 0
}
measure() { # $1 = seconds, $2 = number of distinct clients; prints "rate drops%"
    ip netns exec "$cli" perfdhcp -6 -r "$rate" -R "$2" -p "$1" -l "vc$tag" >"$work/pd.out" 2>&1 || true
    cp "$work/pd.out" /tmp/pd6-last.out 2>/dev/null || true
    local r d
    r=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd.out" | head -1)
    d=$(awk '/^drops ratio/ {print $3}' "$work/pd.out" | tail -1)
    echo "${r:-0} ${d:-?}"
}

servers=(ruru)
# BENCH_ONLY_RURU=1 skips kea-dhcp6 (for profiling runs).
if [ -z "${BENCH_ONLY_RURU:-}" ]; then
    command -v kea-dhcp6 >/dev/null && servers+=(kea) || echo "kea-dhcp6 not installed: measuring ruru only"
fi
echo "offered $rate SARR/s, $period s per round after ${warmup} s warm-up, multi-threading $mt, $(nproc) cores${classes:+, ten client classes}"
printf "%-6s %-6s %14s %12s %8s %14s\n" round server "completed/s" "drops(REPLY)" leases "CPU us/exch"
declare -A sum
for i in $(seq 1 "$rounds"); do
    for s in "${servers[@]}"; do
        start_server "$s"
        [ "$warmup" -gt 0 ] && measure "$warmup" 1000 >/dev/null
        c0=$(cpu_ticks)
        read -r r d < <(measure "$period" 100000000)
        c1=$(cpu_ticks)
        # CPU per completed exchange: robust to a busy machine where the rate is not
        cpu=$(awk -v c="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" -v r="$r" -v p="$period" \
            'BEGIN { if (r > 0) printf "%.0f", c / hz / (r * p) * 1e6; else print "-" }')
        stop_server
        leases=$(cat "$work"/lib/leases6.csv* 2>/dev/null | awk -F, '$1 != "address" { a[$1] } END { print length(a) }')
        printf "%-6s %-6s %14s %12s %8s %14s\n" "$i" "$s" "$r" "$d" "$leases" "$cpu"
        sum[$s]=$(awk -v a="${sum[$s]:-0}" -v b="$r" 'BEGIN {print a + b}')
    done
done
for s in "${servers[@]}"; do
    printf "mean %-6s %.0f completed SARR/s\n" "$s" "$(awk -v a="${sum[$s]}" -v n="$rounds" 'BEGIN {print a / n}')"
done
