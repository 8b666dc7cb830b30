# Sourced by bin/ruru: the start-up cache. JDK 25's AOT cache holds the classes a daemon loads,
# already parsed and linked, and the profiles of its hot methods; a JVM started with it skips most
# of its class loading and warms up sooner. It is made once per build of the jar (and per JDK) by a
# training run (ruru.cli.AotTraining: a dhcp4 daemon then a dhcp6 one on loopback, driven for a few seconds) and
# kept as server/target/ruru.aot. RURU_AOT=off starts without it. If the training fails, the daemon
# starts without the cache, and the training is not retried for that build.

# The cache is current when it is newer than the jar and its stamp names this JDK (JAVA_HOME and
# its release's JAVA_VERSION, as ruru_java_major read it); checked without forking anything (the
# JVM itself also refuses a cache made from another jar or JDK, and then starts without it).

ruru_aot_made() { # $1 = file made after the jar $2, $3 = file holding its stamp, $4 = the stamp wanted
    local line=""
    [ -f "$1" ] && [ "$1" -nt "$2" ] && [ -f "$3" ] || return 1
    IFS= read -r line < "$3" || true
    [ "$line" = "$4" ]
}

ruru_aot_option() { # $1 = root, $2 = jar, $3 = java; sets ruru_aot_opts to the JVM options that use the cache, or nothing
    local root=$1 jar=$2 java=$3
    local cache="$root/server/target/ruru.aot"
    ruru_aot_opts=""
    [ "${RURU_AOT:-on}" = off ] && return 0
    local stamp="${java%/bin/java} ${ruru_java_version:-}"
    if ! ruru_aot_made "$cache" "$jar" "$cache.stamp" "$stamp"; then
        ruru_aot_made "$cache.failed" "$jar" "$cache.failed" "$stamp" && return 0
        (
            flock 9
            ruru_aot_made "$cache" "$jar" "$cache.stamp" "$stamp" && exit 0
            ruru_aot_made "$cache.failed" "$jar" "$cache.failed" "$stamp" && exit 0
            echo "ruru: making the start-up cache for this build (a training run, once: some seconds)" >&2
            local work started
            started=$(date +%s)
            work=$(mktemp -d "${TMPDIR:-/tmp}/ruru-aot.XXXXXX")
            mkdir -m 0750 "$work/run" "$work/lib" "$work/log" "$work/hooks"
            rm -f "$cache" "$cache.stamp" "$cache.tmp"
            if KEA_CONTROL_SOCKET_DIR="$work/run" KEA_PIDFILE_DIR="$work/run" KEA_DHCP_DATA_DIR="$work/lib" \
                    KEA_LOG_FILE_DIR="$work/log" KEA_HOOKS_PATH="$work/hooks" \
                    timeout 600 "$java" -XX:AOTCacheOutput="$cache.tmp" --enable-native-access=ALL-UNNAMED \
                    -XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent -cp "$jar" ruru.cli.AotTraining "$work" >"$root/server/target/aot-training.log" 2>&1 \
                    && [ -s "$cache.tmp" ]; then
                mv "$cache.tmp" "$cache"
                echo "$stamp" > "$cache.stamp"
                echo "ruru: start-up cache done in $(( $(date +%s) - started )) s: $cache" >&2
            else
                rm -f "$cache.tmp"
                echo "$stamp" > "$cache.failed"
                echo "ruru: the start-up cache could not be made (server/target/aot-training.log); starting without it" >&2
            fi
            rm -rf "$work"
        ) 9>"$root/server/target/.aot.lock"
    fi
    # the JVM reports a cache it cannot use on stdout, the daemon's log: on stderr instead
    ruru_aot_made "$cache" "$jar" "$cache.stamp" "$stamp" && ruru_aot_opts="-XX:AOTCache=$cache -Xlog:aot=off -Xlog:aot=error:stderr"
    return 0
}
