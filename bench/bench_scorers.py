"""Benchmark: all scorers together on 300-word notes, cases/s on one core (target >= 100, Presidio included).

Per case: ROUGE-1/2/L against a reference, the hallucination check (facts of output vs
input), the terminology check, and the PII leak scan (``gate.scorers.pii.find_leaks``:
``gate.pii.analyze``, the Norwegian Presidio recognisers, on the output). Baseline,
measured in the same run on the same cases: stock rouge-score (``RougeScorer(["rouge1", "rouge2", "rougeL"])``, default
tokenizer) plus Presidio's default analyzer configuration (``AnalyzerEngine`` with all
predefined recognisers) on the output (the leak rule scans only the output and looks
the entities up in the prompt text). Presidio's default configuration wants the
English spaCy model ``en_core_web_lg``, which cannot be downloaded here, so the baseline
runs the default recognisers over a blank English spaCy pipeline (no NER) and says so.
A second line times the terminology scorer with the spelling check against the same scorer
without it (the named baseline for issue 16's spelling cost). Times are process CPU time (``time.process_time``), i.e. cases per second of one busy
core, which stays meaningful on a machine shared with other jobs. Run pinned to one core:

    taskset -c 0 python bench/bench_scorers.py [--n 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
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
    "Han trener vanligvis tre ganger i uken, men har tatt pause fra trening siden plagene startet.",
    "Det er ingen kjente tidligere sykdommer av betydning, og pasienten bruker ingen faste medisiner.",
    "Arbeidssituasjonen er krevende med mye skjermarbeid og lite variasjon i arbeidsstillinger.",
    "Pasienten ønsker råd om hva han kan gjøre selv for å bli bedre og hvordan han bør trene videre.",
    "Vi gikk gjennom ergonomi på arbeidsplassen og viktigheten av pauser og variasjon i løpet av dagen.",
]


def make_cases(n: int, seed: int = 0) -> list[dict]:
    """``n`` cases of ~300-word prompt/output/reference from the labelled notes plus filler prose."""
    rng = random.Random(seed)
    base = [json.loads(line) for line in (ROOT / "tests/labelled/hallucination.jsonl").read_text().splitlines()]

    def pad(text: str) -> str:
        words = text.split()
        parts = [text]
        while len(words) < 300:
            s = rng.choice(FILLER)
            parts.append(s)
            words += s.split()
        return " ".join(parts)

    cases = []
    for i in range(n):
        b = base[i % len(base)]
        cases.append({"id": f"b{i}", "prompt": pad(b["prompt"]), "output": pad(b["output"]),
                      "reference": pad(base[(i + 1) % len(base)]["output"]), "doc_type": b["doc_type"]})
    return cases


def run_ours(cases: list[dict], with_pii: bool, with_terminology: bool) -> float:
    from gate.cases import Case
    from gate.scorers.pii import pii_leaks
    from gate.scorers.hallucination import hallucination
    from gate.scorers.rouge import rouge_scores
    from gate.scorers.terminology import terminology

    hall = hallucination()
    term = terminology() if with_terminology else None
    analyze = None
    if with_pii:
        from gate.pii import analyze
    t = time.process_time()
    for c in cases:
        case = Case(c["id"], ({"role": "user", "content": c["prompt"]},), reference=c["reference"],
                    doc_type=c["doc_type"])
        rouge_scores(c["reference"], c["output"])
        hall(case, c["output"])
        if term:
            term(case, c["output"])
        if analyze:
            pii_leaks(c["prompt"], c["output"], analyze)
    return time.process_time() - t


def run_terminology(cases: list[dict], spelling: bool) -> float:
    """CPU seconds of the terminology scorer alone, with or without the spelling check."""
    from gate.cases import Case
    from gate.scorers.terminology import terminology

    term = terminology(check_spelling=spelling)
    t = time.process_time()
    for c in cases:
        term(Case(c["id"], ({"role": "user", "content": c["prompt"]},), doc_type=c["doc_type"]), c["output"])
    return time.process_time() - t


def baseline_engine():
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_lg"}])
    engine.nlp = {"en": spacy.blank("en")}  # the default model cannot be downloaded: blank pipeline, no NER
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def run_baseline(cases: list[dict]) -> float:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"])
    analyzer = baseline_engine()
    analyzer.analyze("warm up 12345678901", language="en")
    t = time.process_time()
    for c in cases:
        scorer.score(c["reference"], c["output"])
        analyzer.analyze(c["output"], language="en")  # the leak rule scans the output only
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="cases per timed pass")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    args = ap.parse_args()
    if hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) > 1:
        print("note: not pinned to one core (run under `taskset -c 0`); Python runs this on one core anyway")
    cases = make_cases(args.n)
    words = sum(len(c["output"].split()) for c in cases) / len(cases)
    try:
        import gate.pii  # noqa: F401
        with_pii = True
    except ImportError:
        with_pii = False
    try:
        import gate.clinical.language  # noqa: F401
        with_term = True
    except ImportError:
        with_term = False
    run_ours(cases[:20], with_pii, with_term)  # warm-up: builds the Presidio engine and regex caches
    ours = min(run_ours(cases, with_pii, with_term) for _ in range(args.repeat))
    base = min(run_baseline(cases) for _ in range(args.repeat))
    included = ["rouge", "hallucination"] + (["terminology"] if with_term else []) + (["pii"] if with_pii else [])
    print(f"cases: {len(cases)} (output ~{words:.0f} words), best of {args.repeat}")
    print(f"chirogate scorers ({' + '.join(included)}): {len(cases) / ours:8.1f} cases/s (target >= 100)")
    print(f"baseline stock rouge-score + Presidio default recognisers (blank 'en' spaCy pipeline, no NER model): "
          f"{len(cases) / base:8.1f} cases/s")
    print(f"ratio chirogate / baseline: {base / ours:.2f}x")
    if with_term:
        # the spelling check's cost, against the same scorer without it (same run, same cases);
        # its word cache is warm after the first pass, as in a session over many notes
        run_terminology(cases[:20], True)
        spell = min(run_terminology(cases, True) for _ in range(args.repeat))
        plain = min(run_terminology(cases, False) for _ in range(args.repeat))
        print(f"terminology with spelling: {len(cases) / spell:8.1f} cases/s; without (baseline): "
              f"{len(cases) / plain:8.1f} cases/s; ratio {plain / spell:.2f}x")
    if not with_pii or not with_term:
        print("NOTE: gate.pii and/or gate.clinical not installed: PII/terminology not included in this measurement")


if __name__ == "__main__":
    main()
