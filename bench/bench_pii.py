"""Benchmark: the Norwegian PII analyzer (gate.pii.analyze) on 300-word notes, notes/s on one core.

Target: >= 100 notes/s with Presidio included (the scorers scan every output). Notes are built from
the synthetic corpus (prompt facts + answer + Norwegian filler to ~300 words); a fraction carry planted
PII so both the fast path (no candidate: spaCy + Presidio skipped) and the full Presidio pass are
exercised. Baseline, measured in the same run on the same notes: Presidio's default predefined
recognisers (``RecognizerRegistry.load_predefined_recognizers``) on the same kind of blank spaCy
pipeline (the default en_core_web_lg cannot be downloaded here). Also shown: our recognisers with
the prefilter bypassed (every note through spaCy + Presidio). Times are process CPU time.

    taskset -c 0 python bench/bench_pii.py [--n 300] [--pii-rate 0.2]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILLER = [
    "Pasienten beskriver at smertene varierer gjennom dagen og er verst etter lengre tids sitting på jobb.",
    "Hun har forsøkt varme og lett aktivitet med noe effekt, men plagene kommer tilbake ved belastning.",
    "Søvnen er forstyrret de siste nettene på grunn av smerter ved snuing i sengen.",
    "Det er ingen kjente tidligere sykdommer av betydning, og pasienten bruker ingen faste medisiner.",
    "Arbeidssituasjonen er krevende med mye skjermarbeid og lite variasjon i arbeidsstillinger.",
    "Vi gikk gjennom ergonomi på arbeidsplassen og viktigheten av pauser og variasjon i løpet av dagen.",
]


def notes(n: int, pii_rate: float, seed: int = 0) -> list[str]:
    from training.data.synth import generate_records

    rng = random.Random(seed)
    out = []
    for r in generate_records(n, seed, pii_rate=pii_rate, canary_rate=0.0):
        text = r["prompt"] + "\n" + r["response"]
        while len(text.split()) < 300:
            text += " " + rng.choice(FILLER)
        out.append(text)
    return out


def rate(fn, texts: list[str]) -> float:
    fn(texts[0])  # warm caches
    t = time.process_time()
    for x in texts:
        fn(x)
    return len(texts) / (time.process_time() - t)


def baseline_analyzer():
    import logging

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # it tries to fetch a suffix list (offline here)
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from gate.pii.engine import _lemma_component

    nlp = spacy.blank("en")
    nlp.add_pipe(_lemma_component())
    eng = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank"}])
    eng.nlp = {"en": nlp}
    reg = RecognizerRegistry()
    reg.load_predefined_recognizers(languages=["en"])
    return AnalyzerEngine(registry=reg, nlp_engine=eng, supported_languages=["en"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--pii-rate", type=float, default=0.2)
    args = ap.parse_args()
    from gate.pii import THRESHOLD, analyze
    from gate.pii.engine import LANG, get_engine

    texts = notes(args.n, args.pii_rate)
    words = sum(len(t.split()) for t in texts) / len(texts)
    ours = rate(analyze, texts)
    engine = get_engine()
    full = rate(lambda x: engine.analyze(text=x, language=LANG, score_threshold=THRESHOLD), texts)
    base = baseline_analyzer()
    default = rate(lambda x: base.analyze(text=x, language="en"), texts)
    found = sum(1 for t in texts if analyze(t))
    print(f"{len(texts)} notes, {words:.0f} words each on average, {found} with PII found (pii_rate {args.pii_rate})")
    print(f"gate.pii.analyze (prefilter + Presidio):      {ours:8.1f} notes/s")
    print(f"our recognisers, every note through Presidio: {full:8.1f} notes/s")
    print(f"baseline Presidio default recognisers:        {default:8.1f} notes/s")
    print(f"ratio gate.pii / baseline: {ours / default:.2f}x; target >= 100 notes/s: "
          f"{'met' if ours >= 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
