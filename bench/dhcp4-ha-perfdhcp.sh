#!/usr/bin/env bash
# Benchmark: completed DHCPv4 DORA exchanges per second through a hot-standby HA pair, ruru pair vs
# kea-dhcp4 2.2 pair (libdhcp_ha.so behind kea-ctrl-agent), same configuration, same machine,
# alternating rounds. Every ACK waits for the standby's acknowledgment of the lease update, so this
# measures the primary, the standby and the HTTP between them. A benchmark: it asserts nothing.
#
#   sudo bench/dhcp4-ha-perfdhcp.sh [-r RATE] [-p SECONDS] [-n ROUNDS] [-w WARMUP]
#
# Needs root, iproute2, socat and perfdhcp (kea-admin); the Kea pair needs kea-dhcp4-server and
# kea-ctrl-agent. Three network namespaces are made here and removed on exit: the primary
# (192.0.2.1) and the standby (192.0.2.2) on a bridge in the clients' namespace, where perfdhcp
# relays from 192.0.2.254; leases come from 198.18.0.0/15 (RFC 2544). Both servers run with their
# default threading (Kea 2.2: single-threaded; ruru: multi-threaded, as Kea 3).
set -euo pipefail
rate=3000 period=5 rounds=2 warmup=5
while getopts "r:p:n:w:" o; do
    case $o in
        r) rate=$OPTARG ;; p) period=$OPTARG ;; n) rounds=$OPTARG ;; w) warmup=$OPTARG ;;
        *) echo "usage: $0 [-r rate] [-p seconds] [-n rounds] [-w warmup-seconds]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
command -v perfdhcp >/dev/null || { echo "needs perfdhcp: apt-get install kea-admin" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bin/ruru" dhcp4 -v >/dev/null   # builds ruru and its start-up cache if needed, before any timing
work=$(mktemp -d /tmp/ruru-habench.XXXXXX)
tag=$$
s1=hb1$tag s2=hb2$tag cli=hbc$tag
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    for n in "$s1" "$s2" "$cli"; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for n in "$s1" "$s2" "$cli"; do ip netns add "$n"; ip netns exec "$n" ip link set lo up; done
ip netns exec "$cli" ip link add br0 type bridge
for i in 1 2; do
    ns=hb$i$tag
    ip link add "h${i}s$tag" type veth peer name "h${i}b$tag"
    ip link set "h${i}s$tag" netns "$ns"; ip link set "h${i}b$tag" netns "$cli"
    ip netns exec "$cli" ip link set "h${i}b$tag" master br0
    ip netns exec "$cli" ip link set "h${i}b$tag" up
    ip netns exec "$ns" ip addr add "192.0.2.$i/24" dev "h${i}s$tag"
    ip netns exec "$ns" ip link set "h${i}s$tag" up
done
ip netns exec "$cli" ip addr add 192.0.2.254/24 dev br0
ip netns exec "$cli" ip link set br0 up
mkdir -p "$work"/{etc,run,lib,log,hooks}
chmod 750 "$work"/{etc,run,lib,log,hooks}

ha() { # $1 = server number
    cat <<JSON
{ "this-server-name": "server$1", "mode": "hot-standby", "heartbeat-delay": 1000, "max-response-delay": 5000,
  "peers": [ { "name": "server1", "url": "http://192.0.2.1:8001/", "role": "primary" },
             { "name": "server2", "url": "http://192.0.2.2:8002/", "role": "standby" } ] }
JSON
}
config() { # $1 = ruru|kea, $2 = server number
    local hooks socket leases log
    if [ "$1" = ruru ]; then
        hooks="{ \"library\": \"libdhcp_lease_cmds.so\" }, { \"library\": \"libdhcp_ha.so\""
        socket="s$2.sock" leases="s$2.csv" log="s$2.log"
    else
        hooks="{ \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so\" },
               { \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so\""
        socket="$work/run/k$2.sock" leases="$work/lib/s$2.csv" log="$work/log/s$2.log"
    fi
    cat <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "h$2s$tag" ], "dhcp-socket-type": "udp" },
  "control-socket": { "socket-type": "unix", "socket-name": "$socket" },
  "lease-database": { "type": "memfile", "name": "$leases", "lfc-interval": 3600 },
  "valid-lifetime": 4000,
  "hooks-libraries": [ $hooks, "parameters": { "high-availability": [ $(ha "$2") ] } } ],
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "192.0.2.254" ] },
                 "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "$log" } ], "severity": "WARN" } ]
} }
JSON
}
state() { # $1 = socket; prints the HA state
    echo '{ "command": "status-get" }' | socat - "UNIX:$1" 2>/dev/null \
        | sed -n 's/.*"local": {[^}]*"state": "\([a-z-]*\)".*/\1/p'
}
start_pair() { # $1 = ruru|kea
    local i
    rm -f "$work"/lib/* "$work"/run/*
    for i in 1 2; do
        config "$1" "$i" > "$work/etc/$1$i.json"
        if [ "$1" = ruru ]; then
            KEA_CONTROL_SOCKET_DIR="$work/run" KEA_DHCP_DATA_DIR="$work/lib" KEA_LOG_FILE_DIR="$work/log" \
                KEA_HOOKS_PATH="$work/hooks" ip netns exec "hb$i$tag" "$root/bin/ruru" dhcp4 -c "$work/etc/ruru$i.json" \
                >"$work/ruru$i.out" 2>&1 &
            pids+=($!)
        else
            printf '{ "Control-agent": { "http-host": "192.0.2.%s", "http-port": 800%s, "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "%s" } } } }' \
                "$i" "$i" "$work/run/k$i.sock" > "$work/etc/ca$i.json"
            KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run" ip netns exec "hb$i$tag" kea-dhcp4 -c "$work/etc/kea$i.json" \
                >"$work/kea$i.out" 2>&1 &
            pids+=($!)
            KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run" ip netns exec "hb$i$tag" kea-ctrl-agent -c "$work/etc/ca$i.json" \
                >"$work/ca$i.out" 2>&1 &
            pids+=($!)
        fi
    done
    local p=s; [ "$1" = kea ] && p=k
    for _ in $(seq 1 600); do
        [ "$(state "$work/run/${p}1.sock")" = hot-standby ] && [ "$(state "$work/run/${p}2.sock")" = hot-standby ] && return 0
        sleep 0.1
    done
    echo "$1 pair did not reach hot-standby" >&2; tail -5 "$work"/log/s*.log >&2; exit 1
}
stop_pair() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 1
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    pids=()
}
measure() { # $1 = seconds, $2 = number of distinct clients; prints "rate drops%"
    ip netns exec "$cli" perfdhcp -4 -g single -r "$rate" -R "$2" -p "$1" -l 192.0.2.254 192.0.2.1 >"$work/pd.out" 2>&1 || true
    local r d
    r=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd.out" | head -1)
    d=$(awk '/^drops ratio/ {print $3}' "$work/pd.out" | tail -1)
    echo "${r:-0} ${d:-?}"
}

pairs=(ruru)
command -v kea-dhcp4 >/dev/null && command -v kea-ctrl-agent >/dev/null && pairs+=(kea) \
    || echo "kea-dhcp4 or kea-ctrl-agent not installed: measuring the ruru pair only"
echo "hot-standby pair, offered $rate DORA/s, $period s per round after ${warmup} s warm-up, $(nproc) cores"
printf "%-6s %-6s %14s %10s %16s\n" round pair "completed/s" "drops(ACK)" "standby-leases"
declare -A sum
for i in $(seq 1 "$rounds"); do
    for s in "${pairs[@]}"; do
        start_pair "$s"
        [ "$warmup" -gt 0 ] && measure "$warmup" 1000 >/dev/null
        read -r r d < <(measure "$period" 100000000)
        standby=$(($(sort -u -t, -k1,1 "$work/lib/s2.csv" | wc -l) - 1))
        stop_pair
        printf "%-6s %-6s %14s %10s %16s\n" "$i" "$s" "$r" "$d" "$standby"
        sum[$s]=$(awk -v a="${sum[$s]:-0}" -v b="$r" 'BEGIN {print a + b}')
    done
done
for s in "${pairs[@]}"; do
    printf "mean %-6s %.0f completed DORA/s\n" "$s" "$(awk -v a="${sum[$s]}" -v n="$rounds" 'BEGIN {print a / n}')"
done
