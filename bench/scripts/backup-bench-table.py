#!/usr/bin/env python3
"""Summarises backup-bench.sh's JSON lines as Markdown tables: medians (min-max) and ratios."""
import json
import statistics
import sys
from collections import defaultdict


def spread(values):
    if not values:
        return "—"
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.2f}"
    return f"{median:.2f} ({min(values):.2f}–{max(values):.2f})"


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip().startswith("{")]
    by = defaultdict(list)
    for row in rows:
        by[(row.get("database"), row["operation"])].append(row)
    for database in ("sqlite", "postgres"):
        backups = by[(database, "symbolon-backup")]
        if not backups:
            continue
        pipes = by[(database, "pipeline-backup")]
        tuned = by[(database, "pipeline-backup-tuned")]
        restores = by[(database, "symbolon-restore")]
        pipe_restores = by[(database, "pipeline-restore")]
        verifies = by[(database, "symbolon-verify")]
        fills = by[(database, "fill")]
        print(f"\n### {database}\n")
        for fill in fills:
            result = fill["result"]
            print(f"- fill ({fill['node']}): {result['keys']:,} keys in {result['seconds']} s")
        print()
        print("| operation | wall s, median (min–max) | EP peak RSS MiB | Partner peak RSS MiB | CPU s EP / Partner | output MB EP / Partner |")
        print("|---|---|---|---|---|---|")
        b_sec = [r["result"]["seconds"] for r in backups]
        print(
            f"| coordinated backup (TEST_SUCCESS: {sum(r['result']['state'] == 'TEST_SUCCESS' for r in backups)}/{len(backups)}) "
            f"| {spread(b_sec)} | {spread([r['epPeakMiB'] for r in backups])} | {spread([r['partnerPeakMiB'] for r in backups])} "
            f"| {statistics.median([r['epCpuSeconds'] for r in backups]):.1f} / {statistics.median([r['partnerCpuSeconds'] for r in backups]):.1f} "
            f"| {statistics.median([r['epBytes'] for r in backups]) / 1e6:.0f} / {statistics.median([r['partnerBytes'] for r in backups]) / 1e6:.0f} |")
        if pipes:
            p_sec = [r["seconds"] for r in pipes]
            print(
                f"| `{pipes[0]['pipeline']}`, both nodes at once | {spread(p_sec)} | — | — | — "
                f"| {statistics.median([r['epBytes'] for r in pipes]) / 1e6:.0f} / {statistics.median([r['partnerBytes'] for r in pipes]) / 1e6:.0f} |")
        if tuned:
            print(f"| `{tuned[0]['pipeline']}`, both at once | {spread([r['seconds'] for r in tuned])} | — | — | — | {statistics.median([r['epBytes'] for r in tuned]) / 1e6:.0f} / — |")
        if restores:
            print(
                f"| restore of the pair (both `boot -restore` at once) | {spread([r['seconds'] for r in restores])} "
                f"| {spread([r['epPeakMiB'] for r in restores])} | {spread([r['partnerPeakMiB'] for r in restores])} | — | — |")
        if pipe_restores:
            print(f"| `{pipe_restores[0]['pipeline']}`, both at once | {spread([r['seconds'] for r in pipe_restores])} | — | — | — | — |")
        if verifies:
            print(f"| `symbolon backup verify EP PARTNER` | {spread([r['seconds'] for r in verifies])} | {spread([r['peakMiB'] for r in verifies])} (one process) | — | — | — |")
        if pipes:
            ratio = statistics.median(b_sec) / statistics.median([r["seconds"] for r in pipes])
            print(f"\nbackup ratio, symbolon / `{pipes[0]['pipeline']}` (medians): **{ratio:.2f}**")
            per_round = []
            for b in backups:
                same = [p for p in pipes if p["round"] == b["round"]]
                if same:
                    per_round.append(b["result"]["seconds"] / same[0]["seconds"])
            if per_round:
                print(f"per round: {', '.join(f'{r:.2f}' for r in per_round)}")
        if restores and pipe_restores:
            ratio = statistics.median([r["seconds"] for r in restores]) / statistics.median([r["seconds"] for r in pipe_restores])
            print(f"\nrestore ratio, symbolon / `{pipe_restores[0]['pipeline']}` (medians): **{ratio:.2f}**")
        latency = by[(database, "latency")]
        if latency:
            print("\n| client requests (2 closed-loop clients) | idle p50 / p99 ms | during the backup p50 / p99 ms | backup s under load |")
            print("|---|---|---|---|")
            for kind in ("read", "create"):
                idle = [r["result"][f"idle.{kind}"] for r in latency]
                during = [r["result"][f"backup.{kind}"] for r in latency]
                print(
                    f"| {'key read (GET by uid)' if kind == 'read' else 'key creation (joint, POST)'} "
                    f"| {spread([x['p50'] for x in idle])} / {spread([x['p99'] for x in idle])} "
                    f"| {spread([x['p50'] for x in during])} / {spread([x['p99'] for x in during])} "
                    f"| {spread([r['result']['seconds'] for r in latency]) if kind == 'read' else ''} |")
        tests = by[(database, "restored-server-test")]
        for test in tests:
            print(f"\nrestored pair, `server test`: exit {test['exit']}")


if __name__ == "__main__":
    main(sys.argv[1])
