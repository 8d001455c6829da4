#!/usr/bin/env python3
"""Print a JMH JSON result (-rf json) as the Markdown table of benchmarks/README.md.

Columns: mean wall time with its 99.9% error, the median over the measurement iterations
of CpuTimeProfiler's cpu.worker.norm and cpu.process.norm, and -prof gc's
gc.alloc.rate.norm (bytes per operation).

Usage: benchmarks/jmh-table.py benchmarks/results/jmh.json
"""
import json
import statistics
import sys


def median(metric):
    raw = [value for fork in metric.get("rawData", []) for value in fork]
    return statistics.median(raw) if raw else metric["score"]


def main(path):
    with open(path) as results:
        runs = json.load(results)
    print("| benchmark | wall ns/op (mean ± 99.9%) | CPU ns/op, benchmark thread (median) "
          "| CPU ns/op, JVM (median) | B/op |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for run in sorted(runs, key=lambda r: r["benchmark"]):
        name = ".".join(run["benchmark"].split(".")[-2:])
        primary = run["primaryMetric"]
        secondary = run.get("secondaryMetrics", {})
        cells = [f"{primary['score']:.0f} ± {primary['scoreError']:.0f}"]
        for key in ("cpu.worker.norm", "cpu.process.norm"):
            cells.append(f"{median(secondary[key]):.0f}" if key in secondary else "")
        alloc = secondary.get("gc.alloc.rate.norm")
        cells.append(f"{alloc['score']:.0f}" if alloc else "")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
