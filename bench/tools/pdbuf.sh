# Sourced by the perfdhcp benchmarks: perfdhcp's receive buffer.
#
# perfdhcp does not size its socket's receive buffer, so it gets the kernel's default
# (net.core.rmem_default, 208 KiB on Debian). perfdhcp is one thread that sends, receives and matches
# in one loop; a server that answers a batch of queries with one sendmmsg(2) (ruru) delivers its
# replies a batch at a time, and at 98 % of its core perfdhcp then loses some of them in that buffer:
# answers the server made and paid for, counted against it as drops. The bench therefore raises the
# default to BENCH_PD_RCVBUF bytes (default 4194304; 0 keeps the kernel's) only while perfdhcp opens its
# socket: the default is global (a network namespace cannot set its own) and read when a socket is
# made, so the servers' sockets, opened before perfdhcp starts, keep theirs (Kea 2.2 sets none; ruru
# sets 4 MiB itself). Restored at once after and on exit.
pd_rcvbuf=${BENCH_PD_RCVBUF:-4194304}
pd_rcvbuf_orig=$(sysctl -n net.core.rmem_default 2>/dev/null || echo "")
pd_rcvbuf_raise() {
    [ "$pd_rcvbuf" != 0 ] && [ -n "$pd_rcvbuf_orig" ] && sysctl -qw net.core.rmem_default="$pd_rcvbuf" 2>/dev/null || true
}
pd_rcvbuf_restore() {
    [ -n "$pd_rcvbuf_orig" ] && sysctl -qw net.core.rmem_default="$pd_rcvbuf_orig" 2>/dev/null || true
}
# runs "$@" (a perfdhcp command line) with the raised default for its first half second
with_pd_rcvbuf() {
    pd_rcvbuf_raise
    ( sleep 0.5; pd_rcvbuf_restore ) &
    local restorer=$! rc=0
    "$@" || rc=$?
    wait "$restorer" 2>/dev/null || true
    pd_rcvbuf_restore
    return $rc
}
