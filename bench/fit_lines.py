"""Fit the copied-text line model (``sources/line_model.json``) on the tuning half of the corpus.

    PYTHONPATH=src .venv/bin/python bench/fit_lines.py

Only pages that ``tests/corpus/readability/split.json`` puts in the **tuning** half are read;
the held-out half is never seen here. Each line of a page's copied text (``copied.txt``, split
as ingest splits it) is labelled *article* when at least half of its 4-word shingles occur in the
expected article text (a line of fewer than four words: when it is one of the expected lines).
A logistic regression over ``lines.FEATURES`` (standardised, L2-penalised, batch gradient
descent, no library needed) gives the weights; the decision threshold is then the one, from
0.30 to 0.70, whose maximum-sum span gives the best mean body F1 over the tuning pages. The
weights are written back in raw feature units, so the extractor needs no scaler.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages as corpus  # noqa: E402  (bench/pages.py: corpus loading and the shingle F1)

from research_digest.sources import lines as line_model  # noqa: E402
from research_digest.sources.base import split_lines  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "research_digest" / "sources" / "line_model.json"
L2 = 0.01
STEPS = 400
RATE = 0.5


def label(line: str, expected_shingles, expected_lines: set[str]) -> int:
    own = corpus.shingles(line)
    tokens = sum(own.values())
    if len(corpus._TOKEN.findall(line)) < corpus.SHINGLE:
        return int(" ".join(line.split()).casefold() in expected_lines)
    return int(sum((own & expected_shingles).values()) >= 0.5 * tokens)


def fit(xs: list[list[float]], ys: list[int]) -> tuple[list[float], float]:
    k = len(xs[0])
    mean = [sum(x[j] for x in xs) / len(xs) for j in range(k)]
    sd = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x in xs) / len(xs)) or 1.0 for j in range(k)]
    zs = [[(x[j] - mean[j]) / sd[j] for j in range(k)] for x in xs]
    w, b = [0.0] * k, 0.0
    n = len(zs)
    for _ in range(STEPS):
        gw, gb = [0.0] * k, 0.0
        for z, y in zip(zs, ys, strict=True):
            s = b + sum(wj * zj for wj, zj in zip(w, z, strict=True))
            err = 1 / (1 + math.exp(-max(min(s, 30), -30))) - y
            gb += err
            for j in range(k):
                gw[j] += err * z[j]
        w = [w[j] - RATE * (gw[j] / n + L2 * w[j]) for j in range(k)]
        b -= RATE * gb / n
    raw = [w[j] / sd[j] for j in range(k)]
    return raw, b - sum(w[j] * mean[j] / sd[j] for j in range(k))


def main() -> int:
    pages = [p for p in corpus.load_corpus() if p["half"] == "tuning"]
    xs, ys, docs = [], [], []
    for page in pages:
        lines = split_lines(page["copied"])
        if not lines:
            continue
        want = corpus.shingles(page["expected"])
        want_lines = {" ".join(x.split()).casefold() for x in page["expected"].split("\n") if x.strip()}
        labels = [label(line, want, want_lines) for line in lines]
        xs.extend(line_model.features(lines))
        ys.extend(labels)
        docs.append((page, lines))
    weights, bias = fit(xs, ys)
    data = {"features": list(line_model.FEATURES), "weights": weights, "bias": bias, "threshold": 0.5}
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    line_model.model.cache_clear()
    best = (0.0, 0.5)
    for step in range(30, 71, 5):
        threshold = step / 100
        f1s = []
        for page, lines in docs:
            span = line_model.article_span(lines, line_model.scores(lines), threshold)
            body = "\n".join(lines[span[0] : span[1] + 1]) if span else ""
            f1s.append(corpus.body_f1(body, page["expected"])[2])
        mean = sum(f1s) / len(f1s)
        print(f"threshold {threshold:.2f}: mean body F1 {mean:.3f} over {len(f1s)} tuning pages")
        best = max(best, (mean, threshold))
    data["threshold"] = best[1]
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    positives = sum(ys)
    print(f"{len(ys)} lines ({positives} article) from {len(docs)} tuning pages; threshold {best[1]:.2f}")
    for name, weight in zip(line_model.FEATURES, weights, strict=True):
        print(f"  {name:20} {weight:+.3f}")
    print(f"  {'bias':20} {bias:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
