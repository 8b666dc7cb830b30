#!/usr/bin/env bash
# Benchmark: what client classification costs. Completed DHCPv4 DORA exchanges per second with ten
# client classes evaluated on every packet, against the same configuration without classes, for
# ruru and for kea-dhcp4 2.2 (same classes, same machine, alternating rounds). A benchmark, not a
# test: it prints figures and asserts nothing.
#
#   sudo bench/dhcp4-classes-perfdhcp.sh [-r RATE] [-p SECONDS] [-n ROUNDS] [-w WARMUP] [-m default|true|false]
#
# The ten tests use only Kea 2.2's language (both servers must accept them) and touch options,
# sub-options of the relay agent information, header fields, hexstring, split, the int-to-text
# family, addrtotext and member(); each is evaluated for each query (none is additional-only or
# depends on KNOWN). Two of them match perfdhcp's queries and give options, so class options are
# assembled into the replies too. One pool serves everyone.
#
# Needs root, iproute2, socat and perfdhcp (Debian: kea-admin); kea-dhcp4 (kea-dhcp4-server) is
# compared when installed. Traffic stays on a veth pair between two network namespaces made here:
# the server answers on 192.0.2.1, perfdhcp relays from 192.0.2.2, leases come from 198.18.0.0/15.
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
command -v socat >/dev/null || { echo "needs socat: apt-get install socat" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bin/ruru" dhcp4 -v >/dev/null   # builds ruru and its start-up cache if needed, before any timing
work=$(mktemp -d /tmp/ruru-bench-classes.XXXXXX)
chmod 0750 "$work"
# One directory per file kind, as ruru (and Kea 3) require.
mkdir -m 0750 "$work/run" "$work/data" "$work/log" "$work/hooks"
export KEA_CONTROL_SOCKET_DIR="$work/run" KEA_DHCP_DATA_DIR="$work/data" KEA_LOG_FILE_DIR="$work/log" \
    KEA_HOOKS_PATH="$work/hooks" KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run"
tag=$$
srv=rcs$tag cli=rcc$tag
spid=""
cleanup() {
    [ -n "$spid" ] && kill "$spid" 2>/dev/null || true
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

classes='"client-classes": [
    { "name": "c1", "test": "substring(option[60].hex, 0, 9) == '"'PXEClient'"'" },
    { "name": "c2", "test": "option[61].exists and substring(option[61].hex, 0, 1) == 0x01" },
    { "name": "c3", "test": "pkt4.htype == 1 and pkt4.hlen == 6",
      "option-data": [ { "name": "domain-name", "data": "classified.example" } ] },
    { "name": "c4", "test": "hexstring(substring(pkt4.mac, 0, 3), '"':'"') == '"'00:0c:01'"'" },
    { "name": "c5", "test": "relay4[1].exists or pkt4.giaddr == 192.0.2.2",
      "option-data": [ { "name": "ntp-servers", "data": "192.0.2.123" } ] },
    { "name": "c6", "test": "split(option[12].text, '"'.'"', 1) == '"'host'"'" },
    { "name": "c7", "test": "member('"'c1'"') or member('"'c4'"')" },
    { "name": "c8", "test": "uint32totext(pkt4.transid) == '"'12345'"'" },
    { "name": "c9", "test": "addrtotext(pkt4.giaddr) == '"'10.0.0.1'"'" },
    { "name": "c10", "test": "not (option[55].exists and substring(option[55].hex, 0, 1) == 0xff)" }
  ],'

write_config() { # $1 = file, $2 = with|without classes, $3 = ruru|kea
    local names=""
    # kea-dhcp4 2.2 takes paths as given; ruru wants bare names in its per-kind directories.
    if [ "$3" = kea ]; then
        names='"socket-name": "'$work'/run/ctl.sock"'; lease='"name": "'$work'/data/leases4.csv"'; log="$work/log/server.log"
    else
        names='"socket-name": "ctl.sock"'; lease='"name": "leases4.csv"'; log="server.log"
    fi
    cat > "$1" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "vs$tag" ], "dhcp-socket-type": "udp" },
  "control-socket": { "socket-type": "unix", $names },
  "lease-database": { "type": "memfile", "persist": true, $lease, "lfc-interval": 3600 },
$( [ "$mt" = default ] || printf '  "multi-threading": { "enable-multi-threading": %s },' "$mt" )
$( [ "$2" = with ] && printf '%s' "$classes" )
  "valid-lifetime": 4000,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "192.0.2.2" ] },
                 "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "$log" } ], "severity": "WARN" } ]
} }
JSON
}

start_server() { # $1 = ruru|kea, $2 = config file
    rm -f "$work"/data/leases4.csv* "$work/run/ctl.sock"
    # exec all the way down, so $! is the server itself.
    if [ "$1" = ruru ]; then
        (cd "$work" && exec ip netns exec "$srv" "$root/bin/ruru" dhcp4 -c "$2" >"$work/ruru.out" 2>&1) &
    else
        (cd "$work" && exec ip netns exec "$srv" kea-dhcp4 -c "$2" >"$work/kea.out" 2>&1) &
    fi
    spid=$!
    for _ in $(seq 1 300); do [ -S "$work/run/ctl.sock" ] && return 0; sleep 0.1; done
    echo "$1 did not start with $2:" >&2; cat "$work/$1.out" >&2; exit 1
}
stop_server() {
    echo '{ "command": "shutdown" }' | ip netns exec "$srv" socat - "UNIX:$work/run/ctl.sock" >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || { spid=""; return 0; }; sleep 0.1; done
    kill -9 "$spid" 2>/dev/null || true
    spid=""
}
measure() { # $1 = seconds, $2 = number of distinct clients; prints "rate drops"
    ip netns exec "$cli" perfdhcp -4 -g single -r "$rate" -R "$2" -p "$1" -l 192.0.2.2 192.0.2.1 >"$work/pd.out" 2>&1 || true
    local r d
    r=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd.out" | head -1)
    d=$(awk '/^drops ratio/ {print $3}' "$work/pd.out" | tail -1)
    echo "${r:-0} ${d:-?}"
}

servers=(ruru)
if [ -z "${BENCH_ONLY_RURU:-}" ]; then
    command -v kea-dhcp4 >/dev/null && servers+=(kea) || echo "kea-dhcp4 not installed: measuring ruru only"
fi
for s in "${servers[@]}"; do
    for c in with without; do
        write_config "$work/$s-$c.json" "$c" "$s"
    done
done
# Both servers must take the classes as written, or the comparison means nothing.
ip netns exec "$srv" "$root/bin/ruru" dhcp4 -t "$work/ruru-with.json" >/dev/null
if [[ " ${servers[*]} " == *" kea "* ]]; then ip netns exec "$srv" kea-dhcp4 -t "$work/kea-with.json" >/dev/null; fi

echo "offered $rate DORA/s, $period s per round after ${warmup} s warm-up, multi-threading $mt, $(nproc) cores"
printf "%-6s %-6s %-8s %14s %10s %8s\n" round server classes "completed/s" "drops(ACK)" leases
declare -A sum
for i in $(seq 1 "$rounds"); do
    for s in "${servers[@]}"; do
        for c in without with; do
            start_server "$s" "$work/$s-$c.json"
            [ "$warmup" -gt 0 ] && measure "$warmup" 1000 >/dev/null
            read -r r d < <(measure "$period" 100000000)
            leases=$(($(wc -l < "$work/data/leases4.csv") - 1))
            stop_server
            printf "%-6s %-6s %-8s %14s %10s %8s\n" "$i" "$s" "$c" "$r" "$d" "$leases"
            sum[$s-$c]=$(awk -v a="${sum[$s-$c]:-0}" -v b="$r" 'BEGIN {print a + b}')
        done
    done
done
for s in "${servers[@]}"; do
    for c in without with; do
        printf "mean %-6s %-8s classes %.0f completed DORA/s\n" "$s" "$c" \
            "$(awk -v a="${sum[$s-$c]}" -v n="$rounds" 'BEGIN {print a / n}')"
    done
done
