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


_OPTIONAL_HEAVY = ("transformers", "torch")


def _import_presidio():
    """Import spaCy and Presidio without their optional torch/transformers integrations.

    When torch and transformers are installed (they are, for training), ``thinc`` imports torch and
    ``presidio_analyzer.nlp_engine`` imports ``transformers.pipeline`` at import time: ~6 s per process
    for integrations we never use (a blank spaCy pipeline, regex recognisers). While neither is imported
    yet, hide them for the duration of these imports (both libraries treat them as optional and catch
    the ImportError), then unhide them so the rest of the process imports them normally."""
    import sys

    hidden = [m for m in _OPTIONAL_HEAVY if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None  # type: ignore[assignment]  # makes "import m" raise ImportError
    try:
        import spacy  # noqa: F401
        import presidio_analyzer  # noqa: F401
        import presidio_analyzer.nlp_engine  # noqa: F401
    finally:
        for m in hidden:
            if m in sys.modules and sys.modules[m] is None:
                del sys.modules[m]


@lru_cache(maxsize=1)
def get_engine():
    """The cached ``AnalyzerEngine`` with the Norwegian recognisers only (Presidio's defaults are
    English/US patterns that would flag spinal levels and codes)."""
    try:
        _import_presidio()
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise MissingDependencyError("PII recognition", "presidio-analyzer spacy") from exc
    from .context_names import ContextNavnRecognizer
    from .recognizers import build_recognizers

    nlp = spacy.blank(LANG)
    nlp.add_pipe(_lemma_component())
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": LANG, "model_name": "blank"}])
    nlp_engine.nlp = {LANG: nlp}  # already "loaded": AnalyzerEngine will not try spacy.load
    registry = RecognizerRegistry(supported_languages=[LANG])
    for rec in [*build_recognizers(), ContextNavnRecognizer()]:
        registry.add_recognizer(rec)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANG])
