# Sourced by bin/ruru and bin/test: finds a JDK 25+ and builds ruru when its jar is missing or
# older than the sources.

ruru_java_major() {
    # Prints the major version of the java binary in $1/bin/java, or nothing. The JDK's release file
    # says it without starting a JVM (a launch pays for that); the JVM is asked only when it has none.
    local v=""
    [ -x "$1/bin/java" ] || return 0
    if [ -f "$1/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
    fi
    if [ -z "$v" ]; then
        v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
    fi
    echo "${v%%.*}"
}

ruru_find_jdk() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(ruru_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
        [ -x "$candidate/bin/javac" ] || continue
        major=$(ruru_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

ruru_require_jdk() {
    local jdk
    if ! jdk=$(ruru_find_jdk); then
        echo "ruru: needs a JDK 25 or newer. Set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
        echo "      (JAVA_HOME=${JAVA_HOME:-unset} is not 25+; none found under /usr/lib/jvm)." >&2
        exit 3
    fi
    export JAVA_HOME="$jdk"
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
