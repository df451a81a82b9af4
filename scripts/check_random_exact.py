#!/usr/bin/env python3
"""Compares `polytopes enumerate` with exact pattern enumeration on random degenerate networks.

Each network has small integer or half-integer weights ({-1, 0, 1}, {-2, ..., 2} or {-1, -1/2, 0, 1/2, 1}),
biases from {0}, {-1, 0, 1} or {-1/2, 0, 1/2}, sometimes a duplicated first neuron: many hyperplanes through one
point, coincident and parallel hyperplanes, dead units. For each, the exact regions, patterns and face
histograms come from fixtures/zero_bias/make_truth.py (lrslib, cddlib, Python fractions), and the search runs on
1 and 2 threads; any difference (or a facet without a neighbour) is printed. Exit status 1 if any.

Needs Debian's lrslib and libcdd-tools, a built CLI (dotnet build -c Release), any Python 3 (no packages).
    python3 scripts/check_random_exact.py SEED COUNT KIND [DIMS]

KIND: relu (ReLU and leaky ReLU, 2-D and 3-D), maxout, residual (skip connections), all (all of R^d), box (random
boxes), deep (3-D and 4-D), high (5-D and 6-D), one (1-D), and generic: He-normal weights rounded to float32, no
hyperplanes through a point by construction (2-D and 3-D; in 3-D the engine enumerates these by subdivision,
while the other kinds' many hyperplanes through a point send it to the search). DIMS (say 4,5) replaces the kind's input dimensions.
POLYTOPES_DLL=path/to/polytopes.dll checks another build. The sixth session ran about 420 networks this way.
"""
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ["dotnet", os.environ.get("POLYTOPES_DLL", str(ROOT / "src/Cli/bin/Release/net10.0/polytopes.dll"))]
TRUTH = ROOT / "fixtures/zero_bias/make_truth.py"


def f32(x):
    """x rounded to float32 (an exact binary fraction, as the truth reads it)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def generic_network(rng, name, dims=None):
    """One or two hidden layers of 4-8 ReLU or leaky ReLU units, weights He-normal and biases N(0, 0.3^2), all
    rounded to float32: in general position, the networks most users enumerate."""
    d = rng.choice(dims) if dims else rng.choice([2, 3])
    act = rng.choice(["relu", "relu", "leaky_relu"])
    layers, fan = [], d
    for _ in range(rng.choice([1, 2])):
        w = rng.randint(4, 8)
        layer = {"weight": [[f32(rng.gauss(0, (2 / fan) ** 0.5)) for _ in range(fan)] for _ in range(w)],
                 "bias": [f32(rng.gauss(0, 0.3)) for _ in range(w)], "activation": act}
        if act == "leaky_relu":
            layer["negative_slope"] = 0.25
        layers.append(layer)
        fan = w
    layers.append({"weight": [[f32(rng.gauss(0, 1)) for _ in range(fan)]], "bias": [0.0], "activation": "identity"})
    return {"name": name, "input_dim": d, "domain": {"lo": [-1] * d, "hi": [1] * d}, "layers": layers}


def random_network(rng, kind, name, dims=None):
    d = rng.choice(dims) if dims else (1 if kind == "one" else rng.choice([3, 4]) if kind == "deep"
                                       else rng.choice([5, 6]) if kind == "high" else rng.choice([2, 3]))
    depth = rng.choice([1, 2] if kind == "maxout" else [2, 3] if kind == "residual" else [1, 2, 3])
    act = "maxout" if kind == "maxout" else rng.choice(["relu", "relu", "leaky_relu"])
    pieces = rng.choice([2, 3]) if act == "maxout" else 1
    widths = [rng.choice([2, 3]) if act == "maxout" else rng.choice([3, 4]) for _ in range(depth)]
    values = rng.choice([[-1, 0, 1], [-2, -1, 0, 1, 2], [-1, -0.5, 0, 0.5, 1]])
    biases = rng.choice([[0], [-1, 0, 1], [-0.5, 0, 0.5]])
    layers, fan = [], d
    for w in widths:
        rows = w * pieces
        layer = {"weight": [[rng.choice(values) for _ in range(fan)] for _ in range(rows)],
                 "bias": [rng.choice(biases) for _ in range(rows)], "activation": act}
        if rng.random() < 0.3 and rows > 1:  # a duplicated neuron
            layer["weight"][1] = list(layer["weight"][0])
            layer["bias"][1] = layer["bias"][0]
        if act == "leaky_relu":
            layer["negative_slope"] = 0.25
        if act == "maxout":
            layer["pieces"] = pieces
        if kind == "residual" and layers:
            j = rng.randrange(-1, len(layers) - 1)  # the input or a layer before the previous one
            width_from = d if j < 0 else len(layers[j]["weight"])
            if width_from == rows and rng.random() < 0.5:
                layer["skip"] = {"from": j}
            else:
                skip = [[rng.choice(values) for _ in range(width_from)] for _ in range(rows)]
                layer["skip"] = {"from": j, "weight": skip}
        layers.append(layer)
        fan = w
    layers.append({"weight": [[1.0] * fan], "bias": [0.0], "activation": "identity"})
    lo, hi = [-1] * d, [1] * d
    if kind == "box":
        lo = [rng.choice([-2, -1, -0.5, 0]) for _ in range(d)]
        hi = [v + rng.choice([0.5, 1, 2, 3]) for v in lo]
    return {"name": name, "input_dim": d, "domain": {"lo": lo, "hi": hi}, "layers": layers}


def main():
    seed, count, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    dims = [int(v) for v in sys.argv[4].split(",")] if len(sys.argv) > 4 else None
    rng = random.Random(seed)
    whole = ["--all"] if kind == "all" else []
    findings = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(count):
            net_file = Path(tmp) / f"{kind}{seed}_{k}.json"
            network = (generic_network(rng, net_file.stem, dims) if kind == "generic"
                       else random_network(rng, kind, net_file.stem, dims))
            net_file.write_text(json.dumps(network))
            truth_file = Path(tmp) / "truth.json"
            subprocess.run(["/usr/bin/python3", str(TRUTH), str(net_file), "--out", str(truth_file)] + whole,
                           check=True, capture_output=True)
            truth = json.loads(truth_file.read_text())
            problems = []
            for threads in (1, 2):
                out = Path(tmp) / "regions.jsonl"
                args = ["enumerate", str(net_file), "--json", "--threads", str(threads), "--out", str(out)]
                args += ["--domain", "all"] if whole else []
                run = subprocess.run(CLI + args, capture_output=True, text=True)
                if run.returncode != 0:
                    problems.append(f"{threads} threads: exit {run.returncode}: {run.stderr.strip()[:200]}")
                    continue
                got = json.loads(run.stdout)
                patterns = sorted(json.loads(line)["pattern"] for line in out.read_text().splitlines())
                for key, expected in [("regions", truth["regions"]), ("face_histogram", truth["face_hist_total"]),
                                      ("neuron_face_histogram", truth["face_hist_neuron"])]:
                    if got[key] != expected:
                        problems.append(f"{threads} threads: {key} {got[key]}, exact {expected}")
                if patterns != truth["patterns"]:
                    problems.append(f"{threads} threads: patterns differ")
                if got["facets_without_neighbour"]:
                    problems.append(f"{threads} threads: {got['facets_without_neighbour']} facets without a neighbour")
            if problems:
                findings += 1
                kept = Path.cwd() / net_file.name
                kept.write_text(net_file.read_text())
                print(f"{kept}: " + "; ".join(problems), flush=True)
    print(f"{kind}: {count} networks, {findings} with differences")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
