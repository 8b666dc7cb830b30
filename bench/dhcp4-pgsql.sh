#!/usr/bin/env bash
# Benchmark: completed DHCPv4 DORA exchanges per second with the leases in PostgreSQL: ruru and
# kea-dhcp4 2.2 in turn on the same database (made by Kea's kea-admin db-init), then two ruru
# servers sharing it, each loaded by its own perfdhcp. A benchmark, not a test: it prints figures
# and asserts nothing (that no address goes to two clients is Dhcp4PgsqlSharedDatabaseTest's job).
#
#   sudo bench/dhcp4-pgsql.sh [-r RATE] [-p SECONDS] [-n ROUNDS] [-w WARMUP] [-m default|true|false] [-t THREADS]
#
# -m default leaves "multi-threading" out (kea-dhcp4 2.2: single-threaded; ruru: multi-threaded);
# -m true or false sets it for both, -t sets thread-pool-size. The cluster is Debian's PostgreSQL,
# private to this run (its own data and socket directory under /tmp, no TCP listener), reached by
# the servers through its socket directory from their network namespaces, as a local Kea site
# connects. Traffic stays on veth pairs between namespaces made here and removed on exit; leases
# come from 198.18.0.0/15 (RFC 2544). Needs root, iproute2, perfdhcp (kea-admin), postgresql;
# kea-dhcp4 (kea-dhcp4-server) is compared when installed.
#
# Offer a rate near what the servers can complete: every DORA commits a transaction, so the
# database's commit latency bounds them (a few thousand per second on an SSD, far less on a
# loaded or slow disk). Far above that, a server's completed rate measures its overload (queries
# dropped, exchanges left half done), not its throughput; the drop ratios printed tell which.
# BENCH_ONLY_RURU=1 skips kea-dhcp4; BENCH_KEEP=1 keeps the work directory (configs, outputs).
set -euo pipefail
rate=3000 period=10 rounds=3 warmup=5 mt=default threads=0
while getopts "r:p:n:w:m:t:" o; do
    case $o in
        r) rate=$OPTARG ;; p) period=$OPTARG ;; n) rounds=$OPTARG ;; w) warmup=$OPTARG ;; m) mt=$OPTARG ;;
        t) threads=$OPTARG ;;
        *) echo "usage: $0 [-r rate] [-p seconds] [-n rounds] [-w warmup] [-m default|true|false] [-t threads]" >&2
           exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, the PostgreSQL cluster)" >&2; exit 2; }
command -v perfdhcp >/dev/null || { echo "needs perfdhcp: apt-get install kea-admin" >&2; exit 2; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "needs PostgreSQL: apt-get install postgresql" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bin/ruru" dhcp4 -v >/dev/null   # builds ruru and its start-up cache if needed, before any timing
work=$(mktemp -d /tmp/ruru-pgbench.XXXXXX)
chmod 755 "$work"   # postgres reaches its directories below it
# one directory per kind of file, as ruru requires: sockets (and PID files) 0750, logs, data
mkdir -p "$work/run" "$work/log" "$work/lib" && chmod 750 "$work/run" "$work/log" "$work/lib"
tag=$$
port=$((20000 + tag % 20000))
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    for n in a b; do
        ip netns del "rps$n$tag" 2>/dev/null || true
        ip netns del "rpc$n$tag" 2>/dev/null || true
    done
    [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

# The database: a private cluster, role kea, database kea made by Kea 2.2's kea-admin.
mkdir -p "$work/pg/s" && chown -R postgres:postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth-local=trust >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -w -l "$work/pg/log" \
    -o "-p $port -k $work/pg/s -c listen_addresses='' -c max_connections=200" start >/dev/null
psql -q -h "$work/pg/s" -p "$port" -U postgres -c "CREATE ROLE kea LOGIN PASSWORD 'bench-pw'" >/dev/null
psql -q -h "$work/pg/s" -p "$port" -U postgres -c "CREATE DATABASE kea OWNER kea" >/dev/null
PGPORT=$port kea-admin db-init pgsql -u kea -p bench-pw -n kea -h "$work/pg/s" >/dev/null 2>&1
sql() { psql -q -At -h "$work/pg/s" -p "$port" -U postgres -d kea -c "$1"; }

# Two veth pairs: a = the measured server (and the first of two ruru), b = the second ruru.
for n in a b; do
    srv=rps$n$tag cli=rpc$n$tag
    ip netns add "$srv"; ip netns add "$cli"
    ip link add "vs$n$tag" type veth peer name "vc$n$tag"
    ip link set "vs$n$tag" netns "$srv"; ip link set "vc$n$tag" netns "$cli"
    ip netns exec "$srv" ip addr add 192.0.2.1/24 dev "vs$n$tag"
    ip netns exec "$cli" ip addr add 192.0.2.2/24 dev "vc$n$tag"
    for x in "$srv" "$cli"; do ip netns exec "$x" ip link set lo up; done
    ip netns exec "$srv" ip link set "vs$n$tag" up; ip netns exec "$cli" ip link set "vc$n$tag" up
done

config() { # $1 = a|b, $2 = extra global keys
    local mtkeys=""
    [ "$mt" = default ] || mtkeys="\"multi-threading\": { \"enable-multi-threading\": $mt$( [ "$threads" -gt 0 ] && printf ', "thread-pool-size": %s' "$threads" ) },"
    cat > "$work/$1.json" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "vs$1$tag" ], "dhcp-socket-type": "udp" },
  "control-socket": { "socket-type": "unix", "socket-name": "$work/run/$1.sock" },
  "lease-database": { "type": "postgresql", "name": "kea", "host": "$work/pg/s", "port": $port,
                      "user": "kea", "password": "bench-pw" },
  $mtkeys $2
  "valid-lifetime": 4000,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "192.0.2.2" ] },
                 "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "$work/log/$1.log" } ], "severity": "WARN" } ]
} }
JSON
}

start() { # $1 = ruru|kea, $2 = a|b; sets server_pid
    rm -f "$work/run/$2.sock"
    if [ "$1" = ruru ]; then
        KEA_PIDFILE_DIR="$work/run" KEA_CONTROL_SOCKET_DIR="$work/run" KEA_LOG_FILE_DIR="$work/log" KEA_DHCP_DATA_DIR="$work/lib" \
            ip netns exec "rps$2$tag" "$root/bin/ruru" dhcp4 -c "$work/$2.json" >"$work/$1$2.out" 2>&1 &
    else
        KEA_PIDFILE_DIR="$work/run" KEA_LOCKFILE_DIR="$work/run" \
            ip netns exec "rps$2$tag" kea-dhcp4 -c "$work/$2.json" >"$work/$1$2.out" 2>&1 &
    fi
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 1 300); do [ -S "$work/run/$2.sock" ] && return 0; sleep 0.1; done
    echo "$1 did not start:" >&2; cat "$work/$1$2.out" >&2; exit 1
}
stop() { # $1 = pid, $2 = a|b
    echo '{ "command": "shutdown" }' | socat - "UNIX:$work/run/$2.sock" >/dev/null 2>&1 || kill "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}
perf() { # $1 = a|b, $2 = seconds, $3 = clients, $4 = mac base; writes $work/pd$1.out
    ip netns exec "rpc$1$tag" perfdhcp -4 -g single -r "$rate" -R "$3" -p "$2" -b "mac=$4" -l 192.0.2.2 192.0.2.1 \
        >"$work/pd$1.out" 2>&1 || true
}
rate_of() { sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' "$work/pd$1.out" | head -1; }
drops_of() { awk '/^drops ratio/ {print $3}' "$work/pd$1.out" | tail -1; }

servers=(ruru)
# BENCH_ONLY_RURU=1 skips kea-dhcp4 (for profiling runs).
if [ -z "${BENCH_ONLY_RURU:-}" ]; then
    command -v kea-dhcp4 >/dev/null && servers+=(kea) || echo "kea-dhcp4 not installed: measuring ruru only"
fi
echo "offered $rate DORA/s, $period s per round after ${warmup} s warm-up, multi-threading $mt, $(nproc) cores,"\
     "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') by socket"
printf "%-6s %-10s %14s %8s %10s\n" round server "completed/s" leases "drops(ACK)"
declare -A sum
config a ""
for i in $(seq 1 "$rounds"); do
    for s in "${servers[@]}"; do
        sql "DELETE FROM lease4"
        start "$s" a
        [ "$warmup" -gt 0 ] && perf a "$warmup" 1000 00:0c:00:00:00:00
        perf a "$period" 100000000 00:0d:00:00:00:00
        r=$(rate_of a)
        stop "$server_pid" a
        printf "%-6s %-10s %14s %8s %10s\n" "$i" "$s" "${r:-0}" "$(sql 'SELECT count(*) FROM lease4')" "$(drops_of a)"
        sum[$s]=$(awk -v a="${sum[$s]:-0}" -v b="${r:-0}" 'BEGIN {print a + b}')
    done
    # two ruru servers on the one database, the random allocator as Kea advises for shared databases
    sql "DELETE FROM lease4"
    config a '"allocator": "random",'; config b '"allocator": "random",'
    start ruru a; pa=$server_pid
    start ruru b; pb=$server_pid
    if [ "$warmup" -gt 0 ]; then
        perf a "$warmup" 1000 00:0c:00:00:00:00 & w1=$!
        perf b "$warmup" 1000 00:0c:01:00:00:00 & w2=$!
        wait "$w1" "$w2"
    fi
    perf a "$period" 100000000 00:0e:00:00:00:00 & w1=$!
    perf b "$period" 100000000 00:0f:00:00:00:00 & w2=$!
    wait "$w1" "$w2"
    stop "$pa" a; stop "$pb" b
    ra=$(rate_of a); rb=$(rate_of b)
    both=$(awk -v a="${ra:-0}" -v b="${rb:-0}" 'BEGIN {print a + b}')
    leases=$(sql 'SELECT count(*) FROM lease4')
    printf "%-6s %-10s %14s %8s   (%s + %s)\n" "$i" "2x ruru" "$both" "$leases" "${ra:-0}" "${rb:-0}"
    sum[two]=$(awk -v a="${sum[two]:-0}" -v b="$both" 'BEGIN {print a + b}')
    config a ""
done
for s in "${servers[@]}" two; do
    label=$s; [ "$s" = two ] && label="2x ruru"
    printf "mean %-8s %.0f completed DORA/s\n" "$label" "$(awk -v a="${sum[$s]}" -v n="$rounds" 'BEGIN {print a / n}')"
done
