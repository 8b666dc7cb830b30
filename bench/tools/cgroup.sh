# The equal-CPU-budget case of bench/dhcp4-perfdhcp.sh and bench/dhcp6-perfdhcp.sh (sourced, not run):
# a CPU cgroup that caps the server at QUOTA % of one core, with a short enforcement period.
#
# Why: on a 2-core machine perfdhcp (one polling thread) needs one core and the server gets the
# other; a server that needs less than a core at the rate perfdhcp can offer is not saturated, and
# the completed/s ratio is then perfdhcp's ceiling rather than the servers' difference. Capping
# each server at the same fraction of its core, below what the offered rate needs, makes the server
# the bottleneck again at a rate perfdhcp can send: the completed/s ratio of two servers given the
# same CPU time is their throughput ratio per unit of CPU, measured end to end (drops, wasted
# half-exchanges and all), not inferred from CPU per exchange at a lower load.
#
# Both cgroup versions:
#   v1: a directory under the "cpu" controller's mount (cpu.cfs_quota_us / cpu.cfs_period_us);
#   v2: a directory under the unified hierarchy (cpu.max "QUOTA PERIOD"), with "+cpu" enabled in
#       its parent's cgroup.subtree_control; usable only where the cpu controller is attached to v2
#       (on a hybrid host it is usually held by v1, and then v1 is used).
# cg_init says which it found, or why neither is usable, and returns non-zero then. BENCH_CGROUP=v1
# or v2 insists on one version (default auto: v1 where its cpu controller is mounted and writable).
# Everything the server's process does is charged to the group: all its threads (the JVM's JIT
# and collector threads included) and the kernel's work in its system calls. Not charged: softirq
# work the kernel does in another task's context (on loopback and veth the sender's CPU delivers a
# datagram to the receiver's socket, so perfdhcp's sends are delivered on its core and the server's
# sends on the server's, for both servers alike).
#
# Throttling: in each period of PERIOD us the group may run QUOTA x PERIOD / 100 us of CPU, then
# waits for the next period; a short period (default 10 ms) keeps each stall (at 50 %, up to 5 ms)
# short enough for the datagrams that arrive meanwhile to wait in the socket's receive buffer
# rather than be dropped. cg_stat reports the throttled time so that a row can show it, beside
# the kernel's receive-queue drops and the server's own queue drops (bench/tools/cpu.sh).

cg_dir="" cg_version="" cg_note=""

# cg_init NAME: finds a usable CPU controller and makes the group NAME there (cg_dir); on failure sets
# cg_note to the reason and returns 1
cg_init() {
    local name=$1 v1 v2 root
    v1=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ {print $2; exit}' /proc/mounts)
    if [ "${BENCH_CGROUP:-auto}" != v2 ] && [ -n "$v1" ] && mkdir -p "$v1/$name" 2>/dev/null && [ -w "$v1/$name/cpu.cfs_quota_us" ]; then
        cg_dir=$v1/$name cg_version=v1
        return 0
    fi
    [ "${BENCH_CGROUP:-auto}" != v1 ] || { cg_note="cgroup v1 cpu${v1:+ at $v1}: not usable (BENCH_CGROUP=v1)"; return 1; }
    for root in $(awk '$3 == "cgroup2" {print $2}' /proc/mounts); do
        v2=$root
        if ! grep -qw cpu "$root/cgroup.controllers" 2>/dev/null; then
            cg_note="${cg_note}${cg_note:+; }cgroup v2 at $root: no cpu controller (cgroup.controllers: $(tr '\n' ' ' < "$root/cgroup.controllers" 2>/dev/null)- it is attached to v1${v1:+ at $v1})"
            continue
        fi
        grep -qw cpu "$root/cgroup.subtree_control" 2>/dev/null \
            || echo +cpu > "$root/cgroup.subtree_control" 2>/dev/null \
            || { cg_note="${cg_note}${cg_note:+; }cgroup v2 at $root: cannot enable +cpu in cgroup.subtree_control (delegated or busy)"; continue; }
        if mkdir -p "$root/$name" 2>/dev/null && [ -w "$root/$name/cpu.max" ]; then
            cg_dir=$root/$name cg_version=v2
            return 0
        fi
        cg_note="${cg_note}${cg_note:+; }cgroup v2 at $root: cannot make a group with cpu.max"
    done
    [ -n "$v1" ] && [ "${BENCH_CGROUP:-auto}" = auto ] && cg_note="cgroup v1 cpu at $v1: cannot make a group${cg_note:+; }$cg_note"
    [ -n "$v1$v2" ] || cg_note="no cgroup hierarchy mounted"
    return 1
}

# cg_quota PERCENT PERIOD_US: at most PERCENT % of one CPU, enforced every PERIOD_US. The group's weight
# against other groups follows BENCH_PRIORITY: a task in a group leaves its session's autogroup, so
# without it the nice -20 of BENCH_PRIORITY=1 (bench/tools/cpu.sh) would no longer hold for the server;
# with it the group weighs what a nice -20 task does (88761; v2 cpu.weight 10000, its maximum).
cg_quota() {
    local q=$(( $1 * $2 / 100 ))
    if [ "$cg_version" = v1 ]; then
        echo "$2" > "$cg_dir/cpu.cfs_period_us" && echo "$q" > "$cg_dir/cpu.cfs_quota_us"
        echo "$([ -n "${BENCH_PRIORITY:-}" ] && echo 88761 || echo 1024)" > "$cg_dir/cpu.shares"
    else
        echo "$q $2" > "$cg_dir/cpu.max"
        echo "$([ -n "${BENCH_PRIORITY:-}" ] && echo 10000 || echo 100)" > "$cg_dir/cpu.weight"
    fi
}

# cg_enter PID: moves PID and its descendants into the group (every thread of each)
cg_enter() {
    local p
    echo "$1" > "$cg_dir/cgroup.procs"
    for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do cg_enter "$p"; done
}

# cg_stat: prints "throttled_periods throttled_us periods" so far
cg_stat() {
    if [ "$cg_version" = v1 ]; then
        awk '/^nr_periods/ {p = $2} /^nr_throttled/ {n = $2} /^throttled_time/ {t = $2 / 1000}
             END {printf "%d %.0f %d\n", n, t, p}' "$cg_dir/cpu.stat"
    else
        awk '/^nr_periods/ {p = $2} /^nr_throttled/ {n = $2} /^throttled_usec/ {t = $2}
             END {printf "%d %.0f %d\n", n, t, p}' "$cg_dir/cpu.stat"
    fi
}

# cg_remove: removes the group (its processes must have exited)
cg_remove() {
    [ -n "$cg_dir" ] || return 0
    local _
    for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$cg_dir" 2>/dev/null && break; sleep 0.2; done
    cg_dir=""
}

# The budget rows. The offered rate must be more than either server completes under the quota (the
# server is the bottleneck: its CPU over the run is its whole quota) and no more than perfdhcp sends
# on its own core (pd sent% >= 97). BUDGET_RATE_PER_PCT (default 400) is the "auto" rate per % of
# a core: 12,000/s at 30 %, 20,000/s at 50 %, 28,000/s at 70 %.
BUDGET_RATE_PER_PCT=${BUDGET_RATE_PER_PCT:-400} BUDGET_SAT=90 BUDGET_PD_DROP=1
declare -A bud_unsat=() bud_rounds=() bud_thr=() bud_kdrop=() bud_qdrop=() bud_pddrop=() bud_valid=() bud_vsum=()

# budget_offered PERCENT: the offered rate for that quota (-b RATE, or auto)
budget_offered() {
    if [ "$budget_rate" = auto ]; then echo $(( $1 * BUDGET_RATE_PER_PCT )); else echo "$budget_rate"; fi
}
# budget_header PREFIX_FORMAT PREFIX_TITLES... UNIT: the column titles (the caller's first columns, then these)
budget_header() {
    local fmt=$1 unit=${*: -1}; shift
    # shellcheck disable=SC2059
    printf "$fmt %12s %9s %12s %10s %9s %7s %8s %8s %8s %9s\n" "${@:1:$#-1}" "completed/s" "drops" "CPU us/$unit" \
        "srv %quota" "thr ms" "thr %" "kdrop" "qdrop" "pd drop" "pd sent%"
}
# budget_begin SERVER_PID PERCENT: confines the (warmed-up) server to the quota; budget_mark notes the
# throttling so far (the start of the measured run), budget_end at its end
budget_begin() {
    cg_quota "$2" "$cg_period"
    cg_enter "$1"
}
budget_mark() {
    read -r bud_n0 bud_t0 bud_p0 < <(cg_stat)
}
budget_end() {
    read -r bud_n1 bud_t1 bud_p1 < <(cg_stat)
}
# budget_row KEY PREFIX_FORMAT PREFIX_VALUES... COMPLETED DROPS PERCENT: one row (after account and
# drops_end, with secs the round's seconds); flags "unsat" when the server used under BUDGET_SAT % of
# its quota and dropped (kernel + own queue) under 1 % of its queries (it was not the bottleneck:
# raise the offered rate; a server that drops queries with CPU to spare is the bottleneck all the
# same, and its row stays valid, marked "(idle-drops)"), and "pd-drop" when perfdhcp's own
# receive buffer dropped more than BUDGET_PD_DROP % of the replies (answers the server paid for, lost
# at the generator: the server answered in bursts larger than perfdhcp's buffer), beside account's
# pd-behind and busy
budget_row() {
    local key=$1 fmt=$2; shift 2
    local n=$# r d q pctq thr thrp flag note=
    r=${*: -3:1} d=${*: -2:1} q=${*: -1}
    pctq=$(awk -v p="$row_srv_pct" -v q="$q" 'BEGIN {if (p != "-") printf "%.0f", p * 100 / q; else print "-"}')
    thr=$(( (bud_t1 - bud_t0) / 1000 ))
    thrp=$(awk -v n=$((bud_n1 - bud_n0)) -v p=$((bud_p1 - bud_p0)) 'BEGIN {if (p > 0) printf "%.0f", n * 100 / p; else print "-"}')
    flag=$row_flag
    # perfdhcp's receive buffer overflowed: replies the server paid for were lost at the generator
    if [ "$(awk -v d="$row_pddrop" -v r="$r" -v p="$secs" -v m="$BUDGET_PD_DROP" \
        'BEGIN {print (d * 100 > r * p * 2 * m) ? 1 : 0}')" = 1 ]; then
        flag="${flag}${flag:+,}pd-drop"
    fi
    bud_rounds[$key]=$(( ${bud_rounds[$key]:-0} + 1 ))
    if [ "$pctq" = - ] || [ "$pctq" -lt "$BUDGET_SAT" ]; then
        # CPU to spare: the offered rate was too low for it, unless it dropped queries all the same
        # (its own queue or the kernel's: a server-side limit, so a valid round, marked idle-drops)
        if awk -v d=$((row_kdrop + row_qdrop)) -v r="$r" -v p="$secs" 'BEGIN {exit !(d * 100 > r * p * 2)}'; then
            note=idle-drops
        else
            flag="${flag}${flag:+,}unsat"
            bud_unsat[$key]=$(( ${bud_unsat[$key]:-0} + 1 ))
        fi
    fi
    if [ -z "$flag" ]; then   # a valid round: the server spent its quota, perfdhcp kept up and was not disturbed
        bud_valid[$key]=$(( ${bud_valid[$key]:-0} + 1 ))
        bud_vsum[$key]=$(awk -v a="${bud_vsum[$key]:-0}" -v b="$r" 'BEGIN {print a + b}')
    fi
    bud_thr[$key]=$(( ${bud_thr[$key]:-0} + thr ))
    bud_kdrop[$key]=$(( ${bud_kdrop[$key]:-0} + row_kdrop ))
    bud_qdrop[$key]=$(( ${bud_qdrop[$key]:-0} + row_qdrop ))
    bud_pddrop[$key]=$(( ${bud_pddrop[$key]:-0} + row_pddrop ))
    # shellcheck disable=SC2059
    printf "$fmt %12.0f %9s %12s %10s %9s %7s %8s %8s %8s %9s %s\n" "${@:1:n-3}" "$r" "$d" "$row_srv_us" "$pctq" \
        "$thr" "$thrp" "$row_kdrop" "$row_qdrop" "$row_pddrop" "$row_pd_sent" "$flag${note:+ ($note)}"
}
# budget_summary PREFIX KEY_PREFIX PERCENT SECONDS UNIT SERVER...: per server the completed rate per core of
# budget (completed/s / quota) and whether every round was valid (the server saturated, perfdhcp not behind,
# not disturbed); then ruru's ratio to each other server over the valid rounds only (unflagged rows)
budget_summary() {
    local prefix=$1 kp=$2 q=$3 secs=$4 unit=$5 s; shift 5
    for s in "$@"; do
        [ -n "${bud_rounds[$kp$s]:-}" ] || continue
        printf "%sbudget %-6s %s %s/s per core of budget (%s %% quota); throttled %s ms, drops kernel %s, own queue %s," \
            "$prefix" "$s" "$(awk -v n="${acc_n[$kp$s]}" -v r="${bud_rounds[$kp$s]}" -v p="$secs" -v q="$q" \
                'BEGIN {printf "%.0f", n / r / p * 100 / q}')" "$unit" "$q" "${bud_thr[$kp$s]}" "${bud_kdrop[$kp$s]}" \
            "${bud_qdrop[$kp$s]}"
        printf " perfdhcp %s;%s%s\n" "${bud_pddrop[$kp$s]}" \
            "$( [ "${bud_unsat[$kp$s]:-0}" -gt 0 ] && echo " NOT saturated in ${bud_unsat[$kp$s]} of ${bud_rounds[$kp$s]} rounds (offered too little for it at this quota: raise -b)")" \
            "$( [ "${acc_sat[$kp$s]:-0}" -gt 0 ] && echo " perfdhcp behind in ${acc_sat[$kp$s]} rounds (offered more than it sends: lower -b)")"
    done
    for s in kea base; do
        [ -n "${bud_rounds[$kp$s]:-}" ] && [ -n "${bud_rounds[${kp}ruru]:-}" ] || continue
        if [ "${bud_valid[$kp$s]:-0}" -gt 0 ] && [ "${bud_valid[${kp}ruru]:-0}" -gt 0 ]; then
            awk -v p="$prefix" -v o="$s" -v q="$q" -v a="${bud_vsum[${kp}ruru]}" -v na="${bud_valid[${kp}ruru]}" \
                -v b="${bud_vsum[$kp$s]}" -v nb="${bud_valid[$kp$s]}" -v u="$unit" \
                'BEGIN {printf "%sbudget ratio ruru/%s %.2fx at %s %% of a core (valid rounds: ruru %d, %s %d; %.0f / %.0f %s/s)\n",
                    p, o, (a / na) / (b / nb), q, na, o, nb, a / na, b / nb, u}'
        else
            printf "%sbudget ratio ruru/%s: no valid round for both (flagged rows: see above)\n" "$prefix" "$s"
        fi
    done
    return 0
}
