"""The Presidio analyzer for Norwegian, built once per process.

Presidio's ``AnalyzerEngine`` over a blank spaCy ``nb`` pipeline (no model download is possible
here) plus one small component that sets each token's lemma to its lower-case text: a blank
pipeline has no lemmas, and Presidio's context enhancer compares lemmas with the recognisers'
context words, so without it "tlf 22 33 44 55" is never lifted by "tlf".
"""

from __future__ import annotations

from functools import lru_cache

from registry.errors import MissingDependencyError

LANG = "nb"


def _lemma_component():
    from spacy.language import Language

    if not Language.has_factory("chirogate_lower_lemma"):
        @Language.component("chirogate_lower_lemma")
        def lower_lemma(doc):
            for tok in doc:
                tok.lemma_ = tok.lower_
            return doc
    return "chirogate_lower_lemma"


@lru_cache(maxsize=1)
def get_engine():
    """The cached ``AnalyzerEngine`` with the Norwegian recognisers only (Presidio's defaults are
    English/US patterns that would flag spinal levels and codes)."""
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise MissingDependencyError("PII recognition", "presidio-analyzer spacy") from exc
    from .recognizers import build_recognizers

    nlp = spacy.blank(LANG)
    nlp.add_pipe(_lemma_component())
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": LANG, "model_name": "blank"}])
    nlp_engine.nlp = {LANG: nlp}  # already "loaded": AnalyzerEngine will not try spacy.load
    registry = RecognizerRegistry(supported_languages=[LANG])
    for rec in build_recognizers():
        registry.add_recognizer(rec)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANG])
