#!/usr/bin/env python3
"""Prints the benchmark table from the JSON files benchmarks/run.sh collected."""
import json
import sys
from pathlib import Path

out = Path(sys.argv[1])
bench = json.loads((out / "bench.json").read_text())
median = {b["run_name"]: b for b in bench["benchmarks"] if b.get("aggregate_name") == "median"}
# Further benchmark executables write their own JSON next to bench.json (issue 16: cades_asic).
for extra in ("cades_asic.json", "pades.json"):
    if (out / extra).exists():
        more = json.loads((out / extra).read_text())
        median.update({b["run_name"]: b for b in more["benchmarks"] if b.get("aggregate_name") == "median"})


def ms(name):
    b = median.get(name)
    return None if b is None else b["real_time"] if b["time_unit"] == "ms" else b["real_time"] / 1e6


rows = []  # (what, assay, peer, peer name, ratio, target, verdict)


def ratio_row(what, ours, peer, peer_name, target):
    a, p = ms(ours), ms(peer)
    if a is None or p is None:
        return
    r = a / p
    rows.append((what, f"{a:.1f} ms", f"{p:.1f} ms", peer_name, f"{r:.2f}x", f"<= {target}x", "ok" if r <= target else "MISSED"))


ratio_row("parse + model, eu-2026-08 (30 files)", "BM_AssayParseAndModel", "BM_BareLibxml2Parse",
          "xmlReadMemory+xmlFreeDoc", 1.5)

ratio_row("timelines + indexes, eu-2026-08 (29 lists)", "BM_SnapshotBuild", "BM_AssayParseAndModel",
          "parse + model of the set", 0.2)

# Authentication of the whole backbone (LOTL, 5 pivots, 29 lists) against its two peers.
ratio_row("authenticate eu-2026-08 backbone, 1 thread", "BM_AuthenticateBackbone/1/real_time",
          "BM_BareLibxml2ParseBackbone", "bare parse of the 35 files", 2.5)
xmlsec1_file = out / "xmlsec1.json"
if xmlsec1_file.exists():
    loop = json.loads(xmlsec1_file.read_text()).get("loop_ms")
    a = ms("BM_AuthenticateBackbone/1/real_time")
    if loop and a:
        rows.append(("authenticate eu-2026-08 backbone, 1 thread", f"{a:.1f} ms", f"{loop:.1f} ms",
                     "xmlsec1 --verify loop (35 files)", f"{a / loop:.2f}x", "<= 0.25x", "ok" if a / loop <= 0.25 else "MISSED"))
audit_file = out / "audit.json"
if audit_file.exists():
    audit = json.loads(audit_file.read_text())
    a, d = audit["in_process_ms"], audit["dss_ms"]
    if a > 0:
        runs = audit.get("runs", 1)
        rows.append((f"audit campaign, 500 cases, dss: on loopback (median of {runs})", f"{d:.0f} ms", f"{a:.0f} ms",
                     "the same campaign in-process", f"{d / a:.2f}x", "<= 1.5x", "ok" if d / a <= 1.5 else "MISSED"))
a2 = ms("BM_AuthenticateBackbone/2/real_time")
if a2:
    rows.append(("authenticate eu-2026-08 backbone, 2 threads", f"{a2:.1f} ms", "-", "-", "-", "-", "info"))


def ns(name):
    b = median.get(name)
    if b is None:
        return None
    return b["real_time"] * {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]


def absolute_row(what, value, unit_text, target_text, ok):
    rows.append((what, unit_text.format(value), "-", "-", "-", target_text, "ok" if ok else "MISSED"))


v = ns("BM_ServicesForCertificate")
if v is not None:
    absolute_row("services for a certificate at T (median)", v, "{:.0f} ns", "<= 1000 ns", v <= 1000)
v = ns("BM_ByCertificateHash")
if v is not None:
    absolute_row("identity lookup by certificate hash", v, "{:.0f} ns", "<= 1000 ns", v <= 1000)
v = ns("BM_QualifyCertificate")
if v is not None:
    absolute_row("qualify one certificate, both instants + evidence (median)", v / 1e3, "{:.1f} us", "<= 20 us", v <= 20e3)
    absolute_row("qualifications per second per core", 1e9 / v, "{:,.0f}/s", ">= 50,000/s", 1e9 / v >= 50000)
v = ns("BM_QualifyCertificateNoCache")
if v is not None:
    absolute_row("qualify one certificate, no signature cache", v / 1e3, "{:.1f} us", "(reference)", True)
v = ns("BM_VerifySignedByRsa2048")
if v is not None:
    absolute_row("verify_signed_by, RSA-2048 (what the cache saves)", v / 1e3, "{:.1f} us", "(reference)", True)
# Certificate validation (issue 14): PKITS 4.1.1 next to OpenSSL's X509_verify_cert (CRL check of
# every certificate), both parsing the 3 certificates and 2 CRLs from DER in every iteration. CPU
# time is shown next to wall time: on a shared machine wall time mostly measures the others.
def cpu_us(name):
    b = median.get(name)
    return None if b is None else b["cpu_time"] * {"ns": 1e-3, "us": 1, "ms": 1e3}[b["time_unit"]]


a, p = ns("BM_AssayPkits411"), ns("BM_OpenSslPkits411")
if a is not None and p is not None:
    rows.append(("validate PKITS 4.1.1 (3 certs + 2 CRLs from DER)", f"{a / 1e3:.0f} us (cpu {cpu_us('BM_AssayPkits411'):.0f})",
                 f"{p / 1e3:.0f} us (cpu {cpu_us('BM_OpenSslPkits411'):.0f})", "OpenSSL X509_verify_cert, CRL_CHECK_ALL",
                 f"{a / p:.2f}x", "<= 1.0x", "ok" if a <= p else "MISSED"))
v = ns("BM_EuQcWithOcsp")
if v is not None:
    rows.append(("validate a real NL QC + its real OCSP response, eu-2026-08 anchors", f"{v / 1e3:.0f} us (cpu {cpu_us('BM_EuQcWithOcsp'):.0f})",
                 "-", "-", "-", "<= 100 us", "ok" if v <= 100e3 else "MISSED"))
v = ns("BM_EuQcSignatureFloor")
if v is not None:
    rows.append(("  its 3 signature checks alone (2x RSA-4096, RSA-2048)", f"{v / 1e3:.0f} us (cpu {cpu_us('BM_EuQcSignatureFloor'):.0f})",
                 "-", "-", "-", "(floor)", "info"))
v = ms("BM_DiffCz172To181")
if v is not None:
    absolute_row("diff CZ-seq172 vs CZ-seq181 (parsed)", v, "{:.1f} ms", "<= 50 ms", v <= 50)
# Refresh of eu-2026-08 from a loopback HTTP server into a fresh store (every blob fsynced).
AUTH1 = "BM_AuthenticateBackbone/1/real_time"
COLD = "BM_RefreshCold/concurrency:{}/threads:{}/tmpfs:{}/real_time"
ratio_row("cold refresh, concurrency 8, 2 workers", COLD.format(8, 2, 0), AUTH1, "authenticate only, 1 thread", 1.3)
ratio_row("cold refresh, concurrency 1, 2 workers", COLD.format(1, 2, 0), AUTH1, "authenticate only, 1 thread", 1.3)
ratio_row("unchanged refresh (304s, cached)", "BM_RefreshUnchanged/tmpfs:0/real_time", COLD.format(8, 2, 0),
          "cold refresh, concurrency 8", 0.10)


def info_row(what, ours, peer, peer_name):
    a, p = ms(ours), ms(peer)
    if a is None or p is None:
        return
    rows.append((what, f"{a:.1f} ms", f"{p:.1f} ms", peer_name, f"{a / p:.2f}x", "-", "info"))


# The 1.3x target is for the default configuration (threads = 2, the cores of the reference
# machine); one worker shows what overlapping verification with the store's fsyncs buys.
info_row("cold refresh, concurrency 8, 1 worker", COLD.format(8, 1, 0), AUTH1, "authenticate only, 1 thread")


info_row("cold refresh, store on tmpfs (no fsync cost)", COLD.format(8, 2, 1), COLD.format(8, 2, 0),
         "same on disk")
info_row("unchanged refresh, store on tmpfs", "BM_RefreshUnchanged/tmpfs:1/real_time",
         "BM_RefreshUnchanged/tmpfs:0/real_time", "same on disk")
info_row("store: 35 bodies, fsynced, disk", "BM_StoreBackbone/tmpfs:0/real_time", COLD.format(8, 2, 0),
         "cold refresh, concurrency 8")
info_row("store: 35 bodies, tmpfs", "BM_StoreBackbone/tmpfs:1/real_time", "BM_StoreBackbone/tmpfs:0/real_time",
         "same on disk")

# CAdES / ASiC (issue 16).
ratio_row("CAdES-B detached 1 MB, anchor + OCSP", "BM_AssayCadesBDetached1MB", "BM_OpenSslCmsVerifyDetached1MB",
          "CMS_verify + X509_verify_cert", 1.2)
v = ms("BM_AssayAsicE100FilesXades")
if v is not None:
    absolute_row("ASiC-E, 100 small files, one XAdES", v, "{:.2f} ms", "<= 5 ms", v <= 5)

# PAdES (issue 18).
ratio_row("PAdES-B-B 5 MB, 100 pages, anchor + OCSP", "BM_AssayPadesB5MB100Pages", "BM_OpenSslHashAndCmsVerify5MB",
          "SHA-256 + CMS_verify of the covered bytes", 2)
v = ms("BM_AssayPades20Revisions10Signatures")
if v is not None:
    absolute_row("PAdES, 20 revisions, 10 signatures", v, "{:.1f} ms", "<= 200 ms", v <= 200)


# Signature validation (issue 15): XAdES-BASELINE-B over 10 KB, full EN 319 102-1 validation with
# an explicit anchor and the signer's OCSP response, next to xmlSecDSigCtxVerify (XML-DSig core
# only) on the same bytes; both parse every iteration. Then the embedded XAdES-BASELINE-LTA.
# CPU time, not wall time: "per core" is what the target says, and on a shared machine the wall
# time of a single-threaded loop measures the neighbours.
def cpu_ns(name):
    b = median.get(name)
    if b is None:
        return None
    return b["cpu_time"] * {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]


b, peer = cpu_ns("BM_ValidateXadesBaselineB"), cpu_ns("BM_XmlsecVerifyBaselineB")
if b is not None and peer is not None:
    r = b / peer
    rows.append(("XAdES-B-B 10 KB, full validation (median CPU)", f"{b / 1e3:.0f} us", f"{peer / 1e3:.0f} us",
                 "xmlSecDSigCtxVerify, core only", f"{r:.2f}x", "<= 1.5x", "ok" if r <= 1.5 else "MISSED"))
if b is not None:
    absolute_row("XAdES-B-B validations per second per core", 1e9 / b, "{:,.0f}/s", ">= 2,000/s", 1e9 / b >= 2000)
v = cpu_ns("BM_ValidateXadesBaselineBCold")
if v is not None:
    absolute_row("XAdES-B-B, keys/certificates never seen before (decode caches emptied)", v / 1e3, "{:.0f} us",
                 "(reference)", True)
v = cpu_ns("BM_ValidateXadesLta")
if v is not None:
    absolute_row("XAdES-B-LTA 10 KB, embedded data (median CPU)", v / 1e6, "{:.2f} ms", "<= 2 ms", v <= 2e6)

mem_file = out / "memory.json"
if mem_file.exists():  # absent when only some benchmarks were run (--benchmark_filter)
    mem = json.loads((out / "memory.json").read_text())
    held = mem["model_heap_bytes"] / mem["input_bytes"]
    rows.append(("memory held by 30 models", f"{mem['model_heap_bytes'] / 1e6:.1f} MB", f"{mem['input_bytes'] / 1e6:.1f} MB",
                 "input bytes", f"{held:.2f}x", "<= 2x", "ok" if held <= 2 else "MISSED"))
    peak = mem["peak_rss_growth_bytes"] / mem["input_bytes"]
    rows.append(("peak RSS growth building them", f"{mem['peak_rss_growth_bytes'] / 1e6:.1f} MB",
                 f"{mem['input_bytes'] / 1e6:.1f} MB", "input bytes", f"{peak:.2f}x", "<= 2x", "ok" if peak <= 2 else "MISSED"))

headers = ("benchmark", "assay", "peer", "peer is", "ratio", "target", "")
widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
print(line)
print("-" * len(line))
for r in rows:
    print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
