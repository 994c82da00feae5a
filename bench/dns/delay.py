#!/usr/bin/env python3
"""A UDP DNS relay on 127.0.0.1 that holds every answer DELAY_MS before passing it on, so
that loopback lookups cost what lookups cost on the internet (bench/dns/run.sh). One
upstream socket: each question gets a fresh message id (the first two bytes), mapped back
to the asker and its own id when the answer comes. A plain select() loop and a heap of
answers due: the relay must not be what the benchmark measures.
Usage: delay.py LISTEN_PORT UPSTREAM_PORT DELAY_MS"""
import heapq
import select
import socket
import sys
import time


def main():
    port, upstream, delay = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000
    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    front.bind(("127.0.0.1", port))
    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    back.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    back.connect(("127.0.0.1", upstream))
    front.setblocking(False)
    back.setblocking(False)
    pending, due, next_id, seq = {}, [], 0, 0
    stop = time.monotonic() + 3600  # the benchmark stops it long before
    while time.monotonic() < stop:
        now = time.monotonic()
        while due and due[0][0] <= now:
            _, _, data, addr = heapq.heappop(due)
            front.sendto(data, addr)
        wait = max(0.0, due[0][0] - now) if due else 1.0
        ready, _, _ = select.select([front, back], [], [], wait)
        if front in ready:
            while True:
                try:
                    data, addr = front.recvfrom(65535)
                except BlockingIOError:
                    break
                if len(data) < 12:
                    continue
                next_id = (next_id + 1) & 0xFFFF
                pending[next_id] = (addr, data[:2])
                back.send(next_id.to_bytes(2, "big") + data[2:])
        if back in ready:
            while True:
                try:
                    data = back.recv(65535)
                except (BlockingIOError, ConnectionRefusedError):
                    break
                asker = pending.pop(int.from_bytes(data[:2], "big"), None) if len(data) >= 12 else None
                if asker is None:
                    continue
                seq += 1
                heapq.heappush(due, (time.monotonic() + delay, seq, asker[1] + data[2:], asker[0]))


main()
