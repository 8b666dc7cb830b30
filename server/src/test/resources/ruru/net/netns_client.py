#!/usr/bin/env python3
"""DHCP-like test client run inside a throwaway network namespace by NetnsRawModeTest.

raw IFACE SPORT CPORT XID         no address: broadcast a BOOTREQUEST frame from 0.0.0.0 over
                                  AF_PACKET and wait for a frame to CPORT; checksums are checked
                                  here because no kernel IP stack looks at it.
udp IFACE TARGET SPORT CPORT XID N  has an address: UDP socket on 0.0.0.0:CPORT bound to IFACE,
                                  send to TARGET:SPORT, wait for N distinct replies (the kernel
                                  drops any with a bad checksum).
Prints one 'REPLY key=value ...' line per reply, exits 0 when done, 2 on timeout.
"""
import socket, struct, sys, time

def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s

def mac_of(iface):
    with open('/sys/class/net/%s/address' % iface) as f:
        return bytes.fromhex(f.read().strip().replace(':', ''))

def bootrequest(xid, chaddr, flags):
    p = struct.pack('!BBBBIHHIIII', 1, 1, 6, 0, xid, 0, flags, 0, 0, 0, 0) + chaddr + bytes(10) + bytes(192)
    return p + struct.pack('!I', 0x63825363) + bytes([53, 1, 1, 255]) + bytes(60)

def fmt(b):
    return ':'.join('%02x' % x for x in b)

def raw(iface, sport, cport, xid):
    mac = mac_of(iface)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    s.bind((iface, 0x0800))
    s.settimeout(0.25)
    payload = bootrequest(xid, mac, 0)
    udp = struct.pack('!HHHH', cport, sport, 8 + len(payload), 0) + payload
    pseudo = bytes(4) + b'\xff\xff\xff\xff' + struct.pack('!BBH', 0, 17, len(udp))
    c = (~csum(pseudo + udp)) & 0xffff or 0xffff
    udp = udp[:6] + struct.pack('!H', c) + udp[8:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, bytes(4), b'\xff\xff\xff\xff')
    ip = ip[:10] + struct.pack('!H', (~csum(ip)) & 0xffff) + ip[12:]
    frame = b'\xff' * 6 + mac + b'\x08\x00' + ip + udp
    deadline = time.time() + 10
    next_send = 0
    while time.time() < deadline:
        if time.time() >= next_send:
            s.send(frame)
            next_send = time.time() + 0.5
        try:
            f, addr = s.recvfrom(65535)
        except socket.timeout:
            continue
        if addr[2] == socket.PACKET_OUTGOING or len(f) < 42 or f[12:14] != b'\x08\x00' or f[23] != 17:
            continue
        ihl = (f[14] & 0x0f) * 4
        u = 14 + ihl
        if struct.unpack('!H', f[u + 2:u + 4])[0] != cport:
            continue
        total = struct.unpack('!H', f[16:18])[0]
        ulen = struct.unpack('!H', f[u + 4:u + 6])[0]
        body = f[u + 8:u + ulen]
        if len(body) < 240 or struct.unpack('!I', body[4:8])[0] != xid:
            continue
        ipsum = csum(f[14:14 + ihl]) == 0xffff
        pseudo = f[26:34] + struct.pack('!BBH', 0, 17, ulen)
        udpsum = csum(pseudo + f[u:u + ulen]) == 0xffff
        print('REPLY dstmac=%s srcmac=%s src=%s dst=%s sport=%d dport=%d ttl=%d iplen=%d ulen=%d ipsum=%s udpsum=%s op=%d yiaddr=%s'
              % (fmt(f[0:6]), fmt(f[6:12]), socket.inet_ntoa(f[26:30]), socket.inet_ntoa(f[30:34]),
                 struct.unpack('!H', f[u:u + 2])[0], cport, f[22], total, ulen, ipsum, udpsum, body[0],
                 socket.inet_ntoa(body[16:20])), flush=True)
        return 0
    print('TIMEOUT', flush=True)
    return 2

def udp(iface, target, sport, cport, xid, wanted):
    mac = mac_of(iface)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
    s.bind(('0.0.0.0', cport))
    s.settimeout(0.25)
    payload = bootrequest(xid, mac, 0x8000 if target == '255.255.255.255' else 0)
    seen = set()
    deadline = time.time() + 10
    next_send = 0
    while time.time() < deadline:
        if time.time() >= next_send:
            s.sendto(payload, (target, sport))
            next_send = time.time() + 0.5
        try:
            body, (src, port) = s.recvfrom(65535)
        except socket.timeout:
            continue
        if len(body) < 240 or struct.unpack('!I', body[4:8])[0] != xid:
            continue
        marker = struct.unpack('!H', body[8:10])[0]
        if marker in seen:
            continue
        seen.add(marker)
        print('REPLY marker=%d src=%s sport=%d op=%d len=%d' % (marker, src, port, body[0], len(body)), flush=True)
        if len(seen) >= wanted:
            return 0
    print('TIMEOUT', flush=True)
    return 2

if __name__ == '__main__':
    a = sys.argv
    if a[1] == 'raw':
        sys.exit(raw(a[2], int(a[3]), int(a[4]), int(a[5])))
    sys.exit(udp(a[2], a[3], int(a[4]), int(a[5]), int(a[6]), int(a[7])))
