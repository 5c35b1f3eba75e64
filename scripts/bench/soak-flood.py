#!/usr/bin/env python3
"""Garbage over UDP for scripts/bench/soak: random bytes, cut and bit-flipped SIP,
stray CR/LF/NUL, absurd numbers, duplicated headers. Bounded in time and rate;
binds the given local address (an untrusted one, e.g. 127.0.0.3).

usage: soak-flood.py BIND_IP TARGET_IP TARGET_PORT SECONDS RATE
prints: "flood: sent N datagrams in S s" when done."""
import random
import socket
import sys
import time

REGISTER = (b"REGISTER sip:%(t)s SIP/2.0\r\nVia: SIP/2.0/UDP %(b)s:%(p)d;branch=z9hG4bK%(n)d;rport\r\n"
            b"Max-Forwards: 70\r\nFrom: <sip:1000@bench>;tag=%(n)d\r\nTo: <sip:1000@bench>\r\n"
            b"Call-ID: flood-%(n)d\r\nCSeq: %(n)d REGISTER\r\nContact: <sip:1000@%(b)s:%(p)d>\r\n"
            b"Expires: 3600\r\nContent-Length: 0\r\n\r\n")
INVITE = (b"INVITE sip:1999@%(t)s SIP/2.0\r\nVia: SIP/2.0/UDP %(b)s:%(p)d;branch=z9hG4bKi%(n)d\r\n"
          b"Max-Forwards: 70\r\nFrom: <sip:1000@bench>;tag=i%(n)d\r\nTo: <sip:1999@bench>\r\n"
          b"Call-ID: flood-i%(n)d\r\nCSeq: 1 INVITE\r\nContact: <sip:1000@%(b)s:%(p)d>\r\n"
          b"Content-Type: application/sdp\r\nContent-Length: 31\r\n\r\nv=0\r\no=x 1 1 IN IP4 %(b)s\r\n")
RESPONSE = (b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP %(t)s;branch=z9hG4bKr%(n)d\r\nFrom: <sip:a@b>;tag=1\r\n"
            b"To: <sip:a@b>;tag=2\r\nCall-ID: r%(n)d\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
STRAY = [b"\r", b"\n", b"\x00", b"\r\n", b"\r\n\r\n", b":", b";", b"\xff", b"%", b'"']
HUGE = [b"99999999999999999999", b"-1", b"2147483648", b"", b"1e9"]


def mutate(msg, rnd):
    kind = rnd.randrange(8)
    b = bytearray(msg)
    if kind == 0:
        return bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(1, 1400)))
    if kind == 1:
        return bytes(b[:rnd.randrange(len(b))])
    if kind == 2:
        for _ in range(rnd.randrange(1, 8)):
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
        return bytes(b)
    if kind == 3:
        i = rnd.randrange(len(b))
        return bytes(b[:i]) + rnd.choice(STRAY) + bytes(b[i:])
    if kind == 4:
        return bytes(b).replace(b"CSeq: ", b"CSeq: " + rnd.choice(HUGE), 1)
    if kind == 5:
        lines = bytes(b).split(b"\r\n")
        i = rnd.randrange(1, max(2, len(lines) - 2))
        return b"\r\n".join(lines[:i] + [lines[i]] * rnd.randrange(2, 200) + lines[i:])
    if kind == 6:
        return bytes(b).replace(b"Content-Length: ", b"Content-Length: " + rnd.choice(HUGE), 1)
    return bytes(b)  # now and then a well-formed one: it must meet the rate limit, not a 200


def main():
    bind_ip, target_ip, port, seconds, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    rnd = random.Random(20261129)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((bind_ip, 0))
    s.setblocking(False)
    local_port = s.getsockname()[1]
    start = time.monotonic()
    sent = 0
    n = 0
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        if sent > elapsed * rate:
            time.sleep(0.005)
            continue
        n += 1
        base = rnd.choice([REGISTER, INVITE, RESPONSE]) % {b"t": target_ip.encode(), b"b": bind_ip.encode(),
                                                            b"p": local_port, b"n": n}
        try:
            s.sendto(mutate(base, rnd), (target_ip, port))
            sent += 1
        except (BlockingIOError, OSError):
            time.sleep(0.001)
        try:
            while True:  # drain the 400s we provoke, so our socket buffer never fills
                s.recv(65535)
        except (BlockingIOError, OSError):
            pass
    print("flood: sent %d datagrams in %.0f s from %s" % (sent, time.monotonic() - start, bind_ip))


if __name__ == "__main__":
    main()
