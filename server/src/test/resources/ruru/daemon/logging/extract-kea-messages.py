#!/usr/bin/env python3
"""Extracts the message table compiled into Kea binaries: one "ID<TAB>text" line per message.

Kea's message compiler turns each .mes file into an array of string pointers
{ "ID", "text", "ID", "text", ..., NULL } in a PIE binary, so every pointer is an
R_X86_64_RELATIVE relocation whose addend is the string's address. This reads the
relocations with readelf (binutils) and the strings from the file itself.

usage: extract-kea-messages.py BINARY... > kea-2.2-messages.tsv
"""
import re
import subprocess
import sys


def readelf(flag, path, pattern):
    """The regex groups of every line of `readelf FLAG PATH` that matches PATTERN."""
    out = subprocess.run(["readelf", flag, path], capture_output=True, text=True, check=True).stdout
    return [m.groups() for m in (re.match(pattern, line) for line in out.splitlines()) if m]


def sections(path):
    rows = readelf("-SW", path, r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)")
    return [(name, int(a, 16), int(o, 16), int(z, 16)) for name, a, o, z in rows]


def relative_relocations(path):
    rows = readelf("-rW", path, r"([0-9a-f]+)\s+[0-9a-f]+\s+R_X86_64_RELATIVE\s+([0-9a-f]+)")
    return sorted((int(o, 16), int(a, 16)) for o, a in rows)


def main():
    ident = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
    seen = {}
    for path in sys.argv[1:]:
        data = open(path, "rb").read()
        secs = sections(path)

        def string_at(addr):
            for name, vaddr, off, size in secs:
                if vaddr <= addr < vaddr + size and name.startswith(".rodata"):
                    start = off + (addr - vaddr)
                    end = data.index(b"\0", start)
                    return data[start:end].decode("utf-8", "replace")
            return None

        relocs = relative_relocations(path)
        for i in range(len(relocs) - 1):
            (o1, a1), (o2, a2) = relocs[i], relocs[i + 1]
            if o2 != o1 + 8:
                continue
            key, text = string_at(a1), string_at(a2)
            if key and text is not None and ident.match(key) and not ident.match(text) and key not in seen:
                seen[key] = text
    for key in sorted(seen):
        print(key + "\t" + seen[key].replace("\t", " ").replace("\n", " "))


if __name__ == "__main__":
    main()
