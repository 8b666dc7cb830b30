#!/usr/bin/env bash
# Micro benchmark of dhcp6's packet path without sockets or threads (not a test: prints figures):
# perfdhcp -6's SOLICIT and REQUEST for new clients decoded, processed (allocation, a lease
# row written to a persisted memfile) and their replies encoded, on one thread, with the
# configuration of bench/dhcp6-perfdhcp.sh. Prints the thread's CPU time and allocated bytes per
# SARR for each round (ThreadMXBean); a busy machine disturbs these far less than a rate.
#
#   bench/dhcp6-micro.sh [ROUNDS] [SARR-PER-ROUND]      (defaults 8 and 30000; needs no root)
#
# BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile).
# The same build and class path as bench/dhcp4-micro.sh, with dhcp6's bench class.
set -euo pipefail
BENCH_MAIN=ruru.dhcp6.service.PacketPath6Bench exec "$(cd "$(dirname "$0")" && pwd)/dhcp4-micro.sh" "$@"
