"""Benchmark the optional semantic backend: what `[interests] semantic = true` adds to scoring.

    python benchmarks/bench_semantic.py MODEL_PATH [--n 100000] [--seed 7]

MODEL_PATH is a local model2vec model folder. Bios come from bench_scoring's generator (20-30
words each, 8 % empty; every one distinct, so none is spared by de-duplication). Reports the
time and memory to load the model, the lexicon's relevance (`score_relevance`) for comparison,
and the semantic lift (`lift_relevance`: every bio long enough to judge encoded, its similarity
to the interests, the lift), with the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scoring import INTERESTS, _rss_mb, generate

from followprune.scoring.relevance import InterestProfile, off_topic, score_relevance
from followprune.scoring.semantic import lift_relevance, load_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keywords", help="comma-separated interests instead of bench_scoring's"
                        " (ones no generated bio matches: the worst case, every bio encoded)")
    args = parser.parse_args()
    interests = INTERESTS
    if args.keywords:
        interests = InterestProfile(keywords=tuple(args.keywords.split(",")))

    documents = [a.bio for a in generate(args.n, args.seed).accounts]
    before = _rss_mb()
    started = time.perf_counter()
    model = load_model(str(args.model), args.model)
    load_s = time.perf_counter() - started
    model_mb = _rss_mb() - before

    started = time.perf_counter()
    components = score_relevance(interests, documents)
    lexicon_s = time.perf_counter() - started

    before = _rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    lifted = lift_relevance(components, interests, documents, model)
    semantic_s = time.perf_counter() - started
    semantic_cpu_s = time.process_time() - cpu_started
    print(json.dumps({
        "n": args.n,
        "model_load_s": round(load_s, 2),
        "model_mb": round(model_mb, 1),
        "lexicon_s": round(lexicon_s, 2),
        "semantic_s": round(semantic_s, 2),
        "semantic_cpu_s": round(semantic_cpu_s, 2),
        "semantic_rss_growth_mb": round(_rss_mb() - before, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "off_topic": sum(map(off_topic, components)),
        "lifted": sum(a is not b for a, b in zip(lifted, components, strict=True)),
    }))


if __name__ == "__main__":
    main()
