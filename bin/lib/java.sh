# Sourced by bin/ruru and bin/test: finds a JDK 25+ and builds ruru when its jar is missing or
# older than the sources.

# A launch of a daemon forks nothing here (each fork and exec costs a start some milliseconds on a
# busy machine): results are returned in variables, files are read with bash's own `read`.

ruru_java_major() {
    # Sets ruru_major to the major version of the java binary in $1/bin/java (empty if none). The
    # JDK's release file says it without starting a JVM; the JVM is asked only when it has none.
    # Also sets ruru_java_version to the release file's full JAVA_VERSION (the start-up cache's key).
    local line=""
    ruru_major="" ruru_java_version=""
    [ -x "$1/bin/java" ] || return 0
    if [ -f "$1/release" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            case $line in
                JAVA_VERSION=\"*)
                    line=${line#JAVA_VERSION=\"}
                    ruru_java_version=${line%\"}
                    ruru_major=${ruru_java_version%%[!0-9]*}
                    break ;;
            esac
        done < "$1/release"
    fi
    if [ -z "$ruru_major" ]; then
        ruru_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
        ruru_major=${ruru_major%%.*}
    fi
}

ruru_find_jdk() {
    # Sets ruru_jdk to a JDK 25+ (JAVA_HOME first), or returns 1.
    local candidate
    ruru_jdk=""
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        ruru_java_major "$JAVA_HOME"
        if [ -n "$ruru_major" ] && [ "$ruru_major" -ge 25 ]; then
            ruru_jdk=$JAVA_HOME
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
        [ -x "$candidate/bin/javac" ] || continue
        ruru_java_major "$candidate"
        if [ -n "$ruru_major" ] && [ "$ruru_major" -ge 25 ]; then
            ruru_jdk=$candidate
            return 0
        fi
    done
    return 1
}

ruru_require_jdk() {
    if ! ruru_find_jdk; then
        echo "ruru: needs a JDK 25 or newer. Set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
        echo "      (JAVA_HOME=${JAVA_HOME:-unset} is not 25+; none found under /usr/lib/jvm)." >&2
        exit 3
    fi
    export JAVA_HOME="$ruru_jdk"
}

ruru_require_maven() {
    if ! command -v mvn >/dev/null 2>&1; then
        echo "ruru: Maven (mvn) is needed to build ruru; install it (apt-get install maven)." >&2
        exit 3
    fi
}

# Builds target jar when missing or older than any source or POM; serialised by a lock so that two
# launches at once do not build twice.
ruru_ensure_built() {
    local root=$1 jar=$2
    if [ -f "$jar" ] && [ -z "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
        return 0
    fi
    ruru_require_maven
    mkdir -p "$root/server/target"
    (
        flock 9
        if [ -f "$jar" ] && [ -z "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
            exit 0
        fi
        local why newer started
        newer=$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -type f -print -quit 2>/dev/null)
        if [ ! -f "$jar" ]; then why="first build: $jar does not exist yet"; else why="${newer#"$root"/} changed"; fi
        echo "ruru: building ruru with Maven ($why); the full log goes to server/target/build.log" >&2
        started=$(date +%s)
        # Maven's own "Building <module> [i/n]" lines, shown as they come, say what is being built.
        if ! (cd "$root" && set -o pipefail && mvn -B -DskipTests package 2>&1 | tee "$root/server/target/build.log" \
                | sed -un 's/^\[INFO\] Building \(.*\) [0-9.]*-SNAPSHOT *\[\([0-9]*\)\/\([0-9]*\)\]$/ruru:   module \2 of \3: \1/p' >&2); then
            echo "ruru: build failed; see $root/server/target/build.log" >&2
            tail -n 30 "$root/server/target/build.log" >&2
            exit 4
        fi
        echo "ruru: build done in $(( $(date +%s) - started )) s: $jar" >&2
    ) 9>"$root/server/target/.build.lock" || exit $?
}
