#!/usr/bin/env python3
"""Loopback peers for the TLS tests: fake or hostile servers that openssl s_server cannot be.

  peers.py freeports N            print N free TCP ports of 127.0.0.1
  peers.py waitports PORT...      wait (10 s at most) until each port accepts
  peers.py silent PORT            accept connections and never say anything
  peers.py garbage PORT           answer every connection with bytes that are not TLS
  peers.py close PORT             accept connections and close them at once
  peers.py http PORT              a plain HTTP server (no TLS)
  peers.py smtp PORT CHAIN KEY    an SMTP server offering STARTTLS with CHAIN (PEM) and KEY
  peers.py imap|pop3 PORT CHAIN KEY  the same for IMAP (STARTTLS) and POP3 (STLS)
  peers.py hostile PORT KIND      a hostile SMTP server, KIND: "close" (a partial greeting,
                                  then closes), "nul" (a NUL byte in the greeting), "long"
                                  (a greeting over 1024 bytes, no line end), "stale" (a long
                                  valid greeting, then a short partial reply to EHLO)

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


class Closer(socketserver.BaseRequestHandler):
    def handle(self):
        pass  # accept, then close at once


class Http(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            self.rfile.readline(4096)
            body = b"plain http\n"
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        except OSError:
            pass


def hostile_handler(kind):
    """An SMTP peer that breaks the dialogue the way issue 16 found: tls_readline fails."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            try:
                self.request.settimeout(10)
                if kind == "close":
                    self.request.sendall(b"220-partial")
                elif kind == "nul":
                    self.request.sendall(b"220 ok\x00 then binary\r\n")
                elif kind == "long":
                    self.request.sendall(b"220 " + b"L" * 4000)
                    self.request.recv(1024)
                elif kind == "stale":
                    # A reply long enough to fill the buffer, then a short broken one:
                    # only the short one may be shown.
                    self.request.sendall(b"220 " + b"S" * 900 + b"\r\n")
                    self.request.recv(1024)
                    self.request.sendall(b"25")
            except OSError:
                pass
    return Handler


def starttls_handler(ctx, proto):
    """A server that speaks just enough SMTP, IMAP or POP3 to start TLS; "smtpplain" is an
    SMTP server that does not offer it (mail to it travels in clear)."""

    def upgrade(handler):
        handler.wfile.flush()
        tls = ctx.wrap_socket(handler.request, server_side=True)
        tls.settimeout(10)
        try:
            tls.recv(1024)
        except OSError:
            pass

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            try:
                self.request.settimeout(10)
                self.wfile.write({"smtp": b"220 localhost ESMTP vigie-test\r\n",
                                  "smtpplain": b"220 localhost ESMTP vigie-test\r\n",
                                  "imap": b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n",
                                  "pop3": b"+OK vigie-test POP3 ready\r\n"}[proto])
                while True:
                    line = self.rfile.readline(1024)
                    if not line:
                        return
                    words = line.strip().split()
                    cmd = line.strip().upper()
                    if proto == "smtpplain" and cmd.startswith(b"EHLO"):
                        self.wfile.write(b"250-localhost\r\n250 PIPELINING\r\n")
                    elif proto == "smtp" and cmd.startswith(b"EHLO"):
                        self.wfile.write(b"250-localhost\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
                    elif proto == "smtp" and cmd == b"STARTTLS":
                        self.wfile.write(b"220 2.0.0 Ready to start TLS\r\n")
                        return upgrade(self)
                    elif proto == "imap" and len(words) == 2 and words[1].upper() == b"STARTTLS":
                        self.wfile.write(b"* CAPABILITY IMAP4rev1\r\n" + words[0] +
                                         b" OK Begin TLS negotiation now\r\n")
                        return upgrade(self)
                    elif proto == "pop3" and cmd == b"STLS":
                        self.wfile.write(b"+OK Begin TLS negotiation\r\n")
                        return upgrade(self)
                    else:
                        self.wfile.write(b"502 not implemented\r\n" if proto in ("smtp", "smtpplain")
                                         else b"-ERR not implemented\r\n")
            except OSError:
                pass
    return Handler


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
    elif mode == "close":
        handler = Closer
    elif mode == "http":
        handler = Http
    elif mode == "hostile":
        handler = hostile_handler(sys.argv[3])
    elif mode == "smtpplain":
        handler = starttls_handler(None, mode)
    elif mode in ("smtp", "imap", "pop3"):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers("ECDHE+AESGCM")
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        handler = starttls_handler(ctx, mode)
    else:
        sys.exit("unknown mode " + mode)
    with Server((HOST, port), handler) as srv:
        srv.serve_forever()


if __name__ == "__main__":
    main()
