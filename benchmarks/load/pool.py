#!/usr/bin/env python3
"""Pool the rounds of several runs of benchmarks/load/run.sh into one table per stack.

Usage: benchmarks/load/pool.py RESULTS_DIR_OR_RAW_TSV...

Each round's variants are paired with plain of the same run and round (and with the
floor, for the comparison against the floor), exactly as run.sh pairs them; the tables
give the median over all pooled rounds, and the range. Lists first the servers whose
JIT compiler threads were still busy while measured. Prints Markdown.
"""

import statistics
import sys
from pathlib import Path

MEASURES = ((5, "server process CPU per request"), (8, "server CPU per request without the JIT compiler threads"))


def read(paths):
    rows = []
    for index, arg in enumerate(paths):
        path = Path(arg)
        if path.is_dir():
            path = path / "raw.tsv"
        for line in path.read_text().splitlines():
            fields = line.split("\t")
            if len(fields) >= 9:
                rows.append((index, fields))
    return rows


def by_round(rows, stack, column):
    """{(run, round): {variant: value}} of one stack."""
    rounds = {}
    for run, fields in rows:
        if fields[0] == stack:
            rounds.setdefault((run, fields[2]), {})[fields[1]] = float(fields[column])
    return rounds


def paired(rounds, variant, reference):
    return [(values[reference] / values[variant], values[variant] - values[reference])
            for values in rounds.values() if variant in values and reference in values]


def table(rows, stack, column, title):
    rounds = by_round(rows, stack, column)
    variants = []
    for run, fields in rows:
        if fields[0] == stack and fields[1] not in variants:
            variants.append(fields[1])
    print(f"#### {stack}, {title}\n")
    print("| variant | rounds | CPU us/request (median) | efficiency vs plain (median, min-max) "
          "| added CPU us/request (median) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for variant in variants:
        cpu = [values[variant] for values in rounds.values() if variant in values]
        pairs = paired(rounds, variant, "plain")
        if not pairs:
            continue
        efficiency = [pair[0] for pair in pairs]
        print(f"| {variant} | {len(cpu)} | {statistics.median(cpu):.1f} | {statistics.median(efficiency):.3f} "
              f"({min(efficiency):.3f}-{max(efficiency):.3f}) | {statistics.median(p[1] for p in pairs):+.1f} |")
    for variant, reference in (("starter", "floor"), ("starter-auto", "floor-auto")):
        pairs = paired(rounds, variant, reference)
        if pairs:
            efficiency = [pair[0] for pair in pairs]
            print(f"\n{variant} against {reference}, paired per round: {statistics.median(efficiency):.3f} "
                  f"({min(efficiency):.3f}-{max(efficiency):.3f}), "
                  f"{statistics.median(p[1] for p in pairs):+.1f} us over {len(pairs)} rounds")
    print()


def compiling(rows):
    """Servers whose JIT compiler threads took more than 2 % of their CPU in the measured
    slices, or that were still compiling when the warm-up ended (WARMUP_MAX)."""
    notes = []
    for run, fields in rows:
        total, jit = float(fields[4]), float(fields[7])
        share = jit / total if total else 0.0
        unsettled = len(fields) > 10 and int(fields[10]) < 2
        if share > 0.02 or unsettled:
            notes.append(f"{fields[0]} {fields[1]} (run {run + 1}, round {fields[2]}): JIT threads {share:.1%} of the "
                         "measured CPU" + (", still compiling when the warm-up ended" if unsettled else ""))
    return notes


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rows = read(sys.argv[1:])
    notes = compiling(rows)
    if notes:
        print("Servers that compiled during the measurement (see the tables without the JIT threads):\n")
        for note in notes:
            print(f"- {note}")
        print()
    stacks = []
    for run, fields in rows:
        if fields[0] not in stacks:
            stacks.append(fields[0])
    for stack in stacks:
        for column, title in MEASURES:
            table(rows, stack, column, title)


if __name__ == "__main__":
    main()
