#!/usr/bin/env python3
"""A UDP DNS relay on 127.0.0.1 that holds every answer DELAY_MS before passing it on, so
that loopback lookups cost what lookups cost on the internet (bench/dns/run.sh). One
upstream socket: each question gets a fresh message id (the first two bytes), mapped back
to the asker and its own id when the answer comes.
Usage: delay.py LISTEN_PORT UPSTREAM_PORT DELAY_MS"""
import asyncio
import sys


class Relay:
    def __init__(self, delay):
        self.delay = delay
        self.next_id = 0
        self.pending = {}  # relay id -> (asker address, asker's id)
        self.front = self.back = None

    def question(self, data, addr):
        if len(data) < 12:
            return
        self.next_id = (self.next_id + 1) & 0xFFFF
        self.pending[self.next_id] = (addr, data[:2])
        self.back.sendto(self.next_id.to_bytes(2, "big") + data[2:])

    def answer(self, data):
        if len(data) < 12:
            return
        asker = self.pending.pop(int.from_bytes(data[:2], "big"), None)
        if asker is None:
            return
        addr, qid = asker
        asyncio.get_running_loop().call_later(self.delay, self.front.sendto, qid + data[2:], addr)


class Front(asyncio.DatagramProtocol):
    def __init__(self, relay):
        self.relay = relay

    def datagram_received(self, data, addr):
        self.relay.question(data, addr)


class Back(asyncio.DatagramProtocol):
    def __init__(self, relay):
        self.relay = relay

    def datagram_received(self, data, addr):
        self.relay.answer(data)


async def main():
    port, upstream, delay = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000
    loop = asyncio.get_running_loop()
    relay = Relay(delay)
    relay.front, _ = await loop.create_datagram_endpoint(lambda: Front(relay),
                                                         local_addr=("127.0.0.1", port))
    relay.back, _ = await loop.create_datagram_endpoint(lambda: Back(relay),
                                                        remote_addr=("127.0.0.1", upstream))
    await asyncio.sleep(3600)  # the benchmark stops it long before


asyncio.run(main())
