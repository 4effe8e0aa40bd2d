#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: where the time goes, Java and native alike.

usage: jfr-top.py RECORDING.jfr [N]
Counts jdk.ExecutionSample (threads running Java) and jdk.NativeMethodSample (threads in native code:
zlib, zstd, file I/O) by thread, by top frame, and by the first io.symbolon frame on the stack,
so that time spent inside a JDK or native call is charged to the library call that made it.
"""
import collections
import json
import os
import subprocess
import sys

recording = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 25
jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jfr")
raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events",
                      "jdk.ExecutionSample,jdk.NativeMethodSample", recording],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]

def name(frame):
    method = frame["method"]
    return (method["type"]["name"] + "." + method["name"]).replace("/", ".")

by_top = collections.Counter()
by_symbolon = collections.Counter()
by_thread = collections.Counter()
by_call = collections.Counter()
by_chain = collections.Counter()
by_stage = collections.Counter()

def stage(thread, names):
    """The archive's stage a sample belongs to: the digest member, the payload, or the rest."""
    text = " ".join(names)
    if ".digest." in thread or "Digest" in text or "DigestEntry" in text:
        return "digest member (entries, lines, hashing, deflate/inflate)"
    if "readPayload" in text or "Payload" in text or "records.Record" in text or "ArchiveRekey$Rewrap" in text:
        return "payload (framing, zstd, STREAM, gzip stored blocks, hashing)"
    if "ContainerWriter" in text or "Piece" in text:
        return "container assembly (copy pieces, fsync, delete temporaries)"
    if "io.symbolon.archive" in text:
        return "other archive code"
    return "outside the archive library (benchmark input, JVM)"
total = 0
for event in events:
    values = event["values"]
    frames = (values.get("stackTrace") or {}).get("frames") or []
    thread = (values.get("sampledThread") or {}).get("javaName") or "?"
    if not frames:
        continue
    # Idle threads waiting in native code (sockets, epoll, park) are not CPU: skip them.
    top = name(frames[0])
    if event["type"] == "jdk.NativeMethodSample" and any(
            w in top for w in ("Unsafe.park", "epollWait", "Object.wait", "Thread.sleep", "accept", "waitForReferencePendingList", "socketRead", "Signal.dispatch")):
        continue
    total += 1
    kind = "native " if event["type"] == "jdk.NativeMethodSample" else ""
    by_top[kind + top] += 1
    by_thread[thread] += 1
    symbolon = next((name(f) for f in frames if name(f).startswith("io.symbolon.archive")), "(outside io.symbolon.archive)")
    by_symbolon[symbolon + "  <- " + kind + top] += 1
    by_call[symbolon] += 1
    chain = []
    for f in frames:
        n = name(f)
        if n.startswith("io.symbolon.archive") and (not chain or chain[-1] != n):
            chain.append(n.replace("io.symbolon.archive.", ""))
    by_chain[" < ".join(chain[:4]) or "(outside io.symbolon.archive)"] += 1
    by_stage[stage(thread, [name(f) for f in frames])] += 1

def show(title, counter):
    print(f"\n{title} ({total} samples)")
    for key, count in counter.most_common(limit):
        print(f"{100.0 * count / total:6.1f}%  {count:6d}  {key}")

show("by thread", by_thread)
show("by stage", by_stage)
show("by top frame", by_top)
show("by first io.symbolon.archive frame", by_call)
show("by first io.symbolon.archive frame <- top frame", by_symbolon)
show("by io.symbolon.archive call chain (innermost first)", by_chain)
