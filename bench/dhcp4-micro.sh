#!/usr/bin/env bash
# Micro benchmark of dhcp4's packet path without sockets or threads (not a test: prints figures):
# perfdhcp's relayed DISCOVER and REQUEST for new clients decoded, processed (allocation, a lease
# row written to a persisted memfile) and their replies encoded, on one thread, with the
# configuration of bench/dhcp4-perfdhcp.sh. Prints the thread's CPU time and allocated bytes per
# DORA for each round (ThreadMXBean); a busy machine disturbs these far less than a rate.
#
#   bench/dhcp4-micro.sh [ROUNDS] [DORA-PER-ROUND]      (defaults 8 and 30000; needs no root)
#
# BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../bin/lib/java.sh
. "$root/bin/lib/java.sh"
ruru_require_jdk
(cd "$root" && mvn -o -q -pl server -am test-compile >/dev/null)
[ -f "$root/server/target/ruru.jar" ] || (cd "$root" && mvn -o -q -pl server -am package -DskipTests >/dev/null)
cp=$root/server/target/test-classes:$root/server/target/classes:$root/wire/target/classes:$root/json/target/classes
cp=$cp:$root/hooks-api/target/classes:$root/server/target/ruru.jar
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$cp" \
    "${BENCH_MAIN:-ruru.dhcp4.service.PacketPathBench}" "${1:-8}" "${2:-30000}"
