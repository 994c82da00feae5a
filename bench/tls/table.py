#!/usr/bin/env python3
"""Reads the outputs bench/tls/run.sh left in WORK and prints the comparison table.

For every fixture endpoint and every deliberate property, each tool gets:
  yes  the tool reported it (a verdict, or the deciding fact stated outright:
       "TLSv1.0 enabled", "RSA Key Strength: 1024", an accepted NULL suite)
  ~    the raw data is printed but the tool draws no conclusion (sslscan's dates)
  no   not reported
  n/a  the tool was not run on this endpoint
"""
import json
import os
import re
import sys

WORK = sys.argv[1]


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def vigie_has(name, code):
    d = load_json(os.path.join(WORK, "vigie.%s.json" % name))
    if not d:
        return "no"
    r = d[0]
    if code == "clean":
        return "yes" if r.get("verdict") == "pass" and not r.get("findings") else "no"
    return "yes" if code in [f["code"] for f in r.get("findings", [])] else "no"


def sslscan_suites(text):
    return [m.group(1) for m in re.finditer(r"^(?:Preferred|Accepted)\s+\S+\s+\d+ bits\s+(\S+)",
                                            text, re.M)]


def sslscan_has(name, code):
    try:
        text = open(os.path.join(WORK, "sslscan.%s.txt" % name)).read()
    except OSError:
        return "n/a"
    suites = sslscan_suites(text)
    if code == "clean":
        return "n/a"
    if code == "proto_tls10":
        return "yes" if re.search(r"^TLSv1\.0\s+enabled", text, re.M) else "no"
    if code == "proto_tls11":
        return "yes" if re.search(r"^TLSv1\.1\s+enabled", text, re.M) else "no"
    if code == "suite_null":
        return "yes" if any("NULL" in s for s in suites) else "no"
    if code == "suite_anonymous":
        return "yes" if any(s.startswith(("AECDH", "ADH")) for s in suites) else "no"
    if code == "suite_cbc_sha1":
        return "yes" if any(s.endswith("-SHA") and "NULL" not in s for s in suites) else "no"
    if code == "suite_no_forward_secrecy":
        return "yes" if any(not s.startswith(("ECDHE", "DHE", "TLS_", "AECDH", "ADH"))
                            for s in suites) else "no"
    if code == "cert_weak_key":
        m = re.search(r"RSA Key Strength:\s+(\d+)", text)
        return "yes" if m and int(m.group(1)) < 2048 else "no"
    if code == "cert_weak_signature":
        return "yes" if re.search(r"Signature Algorithm:\s+sha1", text) else "no"
    if code in ("cert_expired", "cert_not_yet_valid", "cert_expiring_soon"):
        return "~" if "Not valid after" in text else "no"
    if code == "cert_self_signed":
        s = re.search(r"^Subject:\s+(.*)$", text, re.M)
        i = re.search(r"^Issuer:\s+(.*)$", text, re.M)
        return "~" if s and i and s.group(1) == i.group(1) else "no"
    if code == "cert_hostname_mismatch":
        return "~" if "Altnames:" in text else "no"
    return "no"  # client order, trust, chain, HSTS: not tested by sslscan


def testssl_has(name, code):
    d = load_json(os.path.join(WORK, "testssl.%s.json" % name))
    if d is None:
        return "n/a"
    if isinstance(d, dict):
        d = d.get("scanResult", [d])
    entries = [(e.get("id", ""), e.get("severity", ""), e.get("finding", "")) for e in d]

    def find(idprefix, pred=lambda s, f: True):
        return any(i.startswith(idprefix) and pred(s, f) for i, s, f in entries)

    def offered(s, f):
        return f.startswith("offered") or (" offered" in f and "not offered" not in f)

    if code == "clean":
        bad = [i for i, s, f in entries if s in ("MEDIUM", "HIGH", "CRITICAL")]
        return "yes" if not bad else "no (%s)" % ",".join(bad[:3])
    if code == "proto_tls10":
        return "yes" if find("TLS1", lambda s, f: False) or any(
            i == "TLS1" and offered(s, f) for i, s, f in entries) else "no"
    if code == "proto_tls11":
        return "yes" if any(i == "TLS1_1" and offered(s, f) for i, s, f in entries) else "no"
    if code == "suite_null":
        return "yes" if any(i == "cipherlist_NULL" and offered(s, f) for i, s, f in entries) else "no"
    if code == "suite_anonymous":
        return "yes" if any(i == "cipherlist_aNULL" and offered(s, f) for i, s, f in entries) else "no"
    if code == "suite_cbc_sha1":
        return "yes" if any(i in ("cipherlist_AVERAGE", "cipherlist_OBSOLETED") and offered(s, f)
                            for i, s, f in entries) else "no"
    if code == "suite_no_forward_secrecy":
        return "yes" if any(i == "cipherlist_STRONG_NOFS" and offered(s, f)
                            for i, s, f in entries) or any(
            i.startswith("cipherorder_") and any(not c.startswith(("ECDHE", "DHE", "TLS_",
                                                                     "AECDH", "ADH"))
                                                 for c in f.split())
            for i, s, f in entries) else "no"
    if code == "suite_client_order":
        return "yes" if any(i == "cipher_order" and s not in ("OK", "INFO")
                            for i, s, f in entries) else "no"
    if code == "cert_expired":
        return "yes" if find("cert_expirationStatus", lambda s, f: "expired" in f) else "no"
    if code == "cert_not_yet_valid":
        return "yes" if any("not yet valid" in f for i, s, f in entries) else "no"
    if code == "cert_expiring_soon":
        return "yes" if find("cert_expirationStatus",
                             lambda s, f: "expires <" in f and s not in ("OK", "INFO")) else "no"
    if code == "cert_self_signed":
        return "yes" if find("cert_chain_of_trust", lambda s, f: "self signed)" in f
                             and "CA in chain" not in f) else "no"
    if code == "cert_untrusted":
        return "yes" if find("cert_chain_of_trust", lambda s, f: "failed" in f.lower() or
                             "NOT ok" in f) else "no"
    if code == "cert_chain_incomplete":
        return "yes" if find("cert_chain_of_trust", lambda s, f: "incomplete" in f) else "no"
    if code == "cert_hostname_mismatch":
        return "yes" if find("cert_trust", lambda s, f: s not in ("OK", "INFO")) else "no"
    if code == "cert_weak_key":
        return "yes" if find("cert_keySize", lambda s, f: s not in ("OK", "INFO")) else "no"
    if code == "cert_weak_signature":
        return "yes" if find("cert_signatureAlgorithm", lambda s, f: "SHA1" in f.upper()) else "no"
    if code == "hsts_missing":
        return "yes" if any(i == "HSTS" and "not offered" in f for i, s, f in entries) else "no"
    return "no"


def main():
    fixtures = [l.split() for l in open(os.path.join(WORK, "endpoints.txt")) if l.strip()]
    times = {}
    ttest = {}
    total_all = None
    testssl_wall = None
    for line in open(os.path.join(WORK, "times.txt")):
        p = line.split()
        if p[0] == "ALL":
            total_all = int(p[1])
        elif p[0] == "TESTSSL_WALL":
            testssl_wall = (int(p[1]), int(p[2]))
        elif len(p) == 2:
            ttest[p[0]] = int(p[1])
        else:
            times[p[0]] = [int(p[1]), int(p[2])]
    for name in times:
        times[name].append(ttest.get(name, -1))
    print()
    print("%-11s %-26s %-8s %-8s %-8s" % ("endpoint", "deliberate property", "vigie", "sslscan",
                                          "testssl"))
    print("-" * 66)
    missed = []
    for name, target, expect in fixtures:
        for code in expect.split(","):
            v, s, t = vigie_has(name, code), sslscan_has(name, code), testssl_has(name, code)
            print("%-11s %-26s %-8s %-8s %-8s" % (name, code, v, s, t))
            if t == "yes" and v != "yes":
                missed.append((name, code))
    print()
    print("%-11s %10s %10s %10s  %s" % ("endpoint", "vigie ms", "sslscan ms", "testssl ms",
                                        "vigie <= sslscan/2"))
    print("-" * 66)
    ok_half = 0
    ssl_sum = 0
    test_sum = 0
    ntest = 0
    for name, target, expect in fixtures:
        v, s, t = times.get(name, [0, 0, -1])
        ssl_sum += s
        if t >= 0:
            test_sum += t
            ntest += 1
        half = v * 2 <= s
        ok_half += half
        print("%-11s %10d %10d %10s  %s" % (name, v, s, t if t >= 0 else "-",
                                            "yes" if half else "NO"))
    n = len(fixtures)
    print()
    print("endpoints: %d" % n)
    print("vigie, one endpoint at a time: %d ms in all (mean %.0f ms)"
          % (sum(times[f[0]][0] for f in fixtures), sum(times[f[0]][0] for f in fixtures) / n))
    print("vigie, all endpoints concurrently in one run: %d ms" % total_all)
    print("sslscan, one after another: %d ms (mean %.0f ms)" % (ssl_sum, ssl_sum / n))
    if ntest:
        print("testssl.sh: %d ms added up over %d endpoints (mean %.0f ms per endpoint)"
              % (test_sum, ntest, test_sum / ntest))
    print("vigie within half of sslscan's time: %d of %d endpoints" % (ok_half, n))
    print("vigie all-at-once faster than sslscan one after another: %s"
          % ("yes" if total_all < ssl_sum else "NO"))
    if testssl_wall and ntest:
        print("testssl.sh wall time for those %d endpoints, %d at a time: %d ms"
              % (ntest, testssl_wall[1], testssl_wall[0]))
    if ntest:
        if missed:
            print("properties testssl.sh reported and vigie missed: %s" % missed)
        else:
            print("every deliberate property testssl.sh reported, vigie reported too")


main()
