# Sourced by bin/ruru. Kea 3 keeps each kind of file in a directory of its own (control sockets in
# /run/kea, leases in /var/lib/kea, logs in /var/log/kea, hook libraries in the hooks directory),
# which the KEA_* variables can replace. ruru's own examples name their files by bare name, as Kea's
# do; so that they run from a fresh clone, a configuration file inside examples/ gets directories
# under examples/run/ for every variable that is not set already. Nothing else is special about
# the examples: the daemon checks their paths like any other configuration's.

ruru_example_dirs() {
    local root=$1
    shift
    local file="" prev=""
    for arg in "$@"; do
        case "$prev" in -c|-t|-T) file=$arg ;; esac
        prev=$arg
    done
    [ -n "$file" ] && [ -f "$file" ] || return 0
    local real home dir here=$PWD
    # Physical paths by cd -P in this shell (no fork); readlink only for a file that is a link.
    if [ -L "$file" ]; then
        real=$(readlink -f "$file")
    else
        case $file in */*) dir=${file%/*} ;; *) dir=. ;; esac
        builtin cd -P -- "${dir:-/}" 2>/dev/null || return 0
        real=$PWD/${file##*/}
        builtin cd -- "$here"
    fi
    builtin cd -P -- "$root" || return 0
    home=$PWD
    builtin cd -- "$here"
    case "$real" in "$home"/examples/*) ;; *) return 0 ;; esac
    local run="$root/examples/run" kind
    for kind in sockets data logs hooks; do
        # 0750: Kea 3 refuses a control socket directory that grants more. Made once (no fork after).
        [ -d "$run/$kind" ] || { mkdir -p "$run/$kind" 2>/dev/null && chmod 0750 "$run/$kind" 2>/dev/null; } || true
    done
    export KEA_CONTROL_SOCKET_DIR="${KEA_CONTROL_SOCKET_DIR:-$run/sockets}"
    export KEA_DHCP_DATA_DIR="${KEA_DHCP_DATA_DIR:-$run/data}"
    export KEA_LOG_FILE_DIR="${KEA_LOG_FILE_DIR:-$run/logs}"
    export KEA_HOOKS_PATH="${KEA_HOOKS_PATH:-$run/hooks}"
}
