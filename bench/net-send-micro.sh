#!/usr/bin/env bash
# Benchmark (no root): the kernel cost of sending a batch's replies, per reply, with and without UDP
# segmentation offload (ruru.net.SendPathBench): the sending thread's CPU time per 271-byte reply to
# one loopback receiver, batches of BATCH (default 4,16,64), alternating segmented / one message each.
#
#   bench/net-send-micro.sh [BATCHES] [BATCHES-PER-ROUND] [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bin/lib/java.sh"
ruru_require_jdk
(cd "$root" && mvn -o -q -pl server -am test-compile >/dev/null)
[ -f "$root/server/target/ruru.jar" ] || (cd "$root" && mvn -o -q -pl server -am package -DskipTests >/dev/null)
cp=$root/server/target/test-classes:$root/server/target/classes:$root/wire/target/classes:$root/json/target/classes
cp=$cp:$root/hooks-api/target/classes:$root/server/target/ruru.jar
for batch in $(echo "${1:-4,16,64}" | tr , ' '); do
    for gso in false true; do
        "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Druru.replyBurst="$batch" -Druru.noGso="$gso" \
            -cp "$cp" ruru.net.SendPathBench "$batch" "${2:-10000}" "${3:-3}" | tail -n +2
    done
done
