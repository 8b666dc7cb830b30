#!/usr/bin/env python3
"""Writes a Kea memfile DHCPv4 lease file of N active leases, for the start-up and memory benchmarks.

    leases4-csv.py N FILE [--schema 2.1|3.0] [--subnet-id ID] [--first 10.0.0.1] [--hostnames]

Schema 2.1 is what kea-dhcp4 2.2 writes (11 columns); 3.0 is Kea 2.4+ and ruru (adds pool_id).
Addresses count up from --first; every lease has a distinct MAC (02:xx:xx:xx:xx:xx, locally
administered) and a client-id (01 + MAC), a valid lifetime of 30 days and an expiry 30 days from
now, so nothing is reclaimed during a run. --hostnames gives each a hostname (client-N.example.org.).
"""
import argparse
import ipaddress
import time

p = argparse.ArgumentParser()
p.add_argument("count", type=int)
p.add_argument("file")
p.add_argument("--schema", choices=["2.1", "3.0"], default="2.1")
p.add_argument("--subnet-id", type=int, default=2)
p.add_argument("--first", default="10.0.0.1")
p.add_argument("--hostnames", action="store_true")
a = p.parse_args()

valid = 30 * 86400
expire = int(time.time()) + valid
first = int(ipaddress.IPv4Address(a.first))
header = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context"
tail = ",0,\n" if a.schema == "2.1" else ",0,,0\n"
if a.schema == "3.0":
    header += ",pool_id"
with open(a.file, "w", buffering=1 << 20) as f:
    f.write(header + "\n")
    for i in range(a.count):
        n = first + i
        addr = "%d.%d.%d.%d" % (n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255)
        mac = "02:%02x:%02x:%02x:%02x:%02x" % ((i >> 32) & 255, (i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255)
        host = "client-%d.example.org." % i if a.hostnames else ""
        f.write("%s,%s,01:%s,%d,%d,%d,0,0,%s%s" % (addr, mac, mac, valid, expire, a.subnet_id, host, tail))
