#!/usr/bin/env python3
"""Loopback peers for the TLS tests: fake or hostile servers that openssl s_server cannot be.

  peers.py freeports N            print N free TCP ports of 127.0.0.1
  peers.py waitports PORT...      wait (10 s at most) until each port accepts
  peers.py silent PORT            accept connections and never say anything
  peers.py garbage PORT           answer every connection with bytes that are not TLS
  peers.py http PORT              a plain HTTP server (no TLS)
  peers.py smtp PORT CHAIN KEY    an SMTP server offering STARTTLS with CHAIN (PEM) and KEY

Everything binds 127.0.0.1 only.
"""
import os
import socket
import socketserver
import ssl
import sys
import threading
import time

HOST = "127.0.0.1"


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    request_queue_size = 128  # the prober opens many connections at once
    daemon_threads = True


def freeports(n):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind((HOST, 0))
        socks.append(s)
    print(" ".join(str(s.getsockname()[1]) for s in socks))
    for s in socks:
        s.close()


def waitports(ports):
    deadline = time.time() + 10
    for p in ports:
        while True:
            try:
                socket.create_connection((HOST, int(p)), timeout=0.5).close()
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit("port %s never opened" % p)
                time.sleep(0.05)


class Silent(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(120)
        try:
            while self.request.recv(4096):
                pass
        except OSError:
            pass


class Garbage(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            self.request.sendall(b"\x17\xff\xfe garbage, not TLS \x00\x01\x02" * 8)
            self.request.recv(4096)
        except OSError:
            pass


class Http(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            self.rfile.readline(4096)
            body = b"plain http\n"
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        except OSError:
            pass


def smtp_handler(ctx):
    class Smtp(socketserver.StreamRequestHandler):
        def handle(self):
            try:
                self.request.settimeout(10)
                self.wfile.write(b"220 localhost ESMTP vigie-test\r\n")
                while True:
                    line = self.rfile.readline(1024)
                    if not line:
                        return
                    cmd = line.strip().upper()
                    if cmd.startswith(b"EHLO"):
                        self.wfile.write(b"250-localhost\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
                    elif cmd == b"STARTTLS":
                        self.wfile.write(b"220 2.0.0 Ready to start TLS\r\n")
                        self.wfile.flush()
                        tls = ctx.wrap_socket(self.request, server_side=True)
                        tls.settimeout(10)
                        try:
                            tls.recv(1024)
                        except OSError:
                            pass
                        return
                    elif cmd == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"502 5.5.2 not implemented\r\n")
            except OSError:
                pass
    return Smtp


def main():
    mode = sys.argv[1]
    if mode == "freeports":
        return freeports(int(sys.argv[2]))
    if mode == "waitports":
        return waitports(sys.argv[2:])
    port = int(sys.argv[2])
    if mode == "silent":
        handler = Silent
    elif mode == "garbage":
        handler = Garbage
    elif mode == "http":
        handler = Http
    elif mode == "smtp":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers("ECDHE+AESGCM")
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        handler = smtp_handler(ctx)
    else:
        sys.exit("unknown mode " + mode)
    with Server((HOST, port), handler) as srv:
        srv.serve_forever()


if __name__ == "__main__":
    main()
