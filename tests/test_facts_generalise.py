"""Issue 14, generalisation round: mechanisms that read text nobody tuned a lexicon on.

Each test runs the real checker (or its surface-form helper) on a prompt/output pair written for
the mechanism, and checks both directions: the paraphrase passes, the changed fact fails.
"""

from __future__ import annotations

import pytest

from gate.facts import check_output, failing
from gate.facts.surface import words_present


def _fails(prompt: str, output: str) -> list:
    return failing(check_output(prompt, output))


def _hit(prompt: str, output: str, span: str) -> bool:
    s = output.index(span)
    return any(f.start < s + len(span) and s < f.end for f in _fails(prompt, output))


@pytest.mark.parametrize("word, text, present", [
    ("sensibilitet", "sens. nedsatt lat. lår hø", True),       # shorthand cut with a period
    ("fleksjon", "fleks smertefull", True),                    # shorthand of consonant-final letters
    ("bløtvevsbehandling", "beh: bvb, mob", True),             # consonant skeleton
    ("pasientløft", "unngå løft av pasienter", True),          # a compound written as two words
    ("korsryggen", "akutt korsrygg", True),                    # inflection
    ("hjerteinfarkt", "hjerte og lunger ikke undersøkt", False),  # a full word is no abbreviation of a compound
    ("ryggoperasjon", "vondt i rygg", False),
    ("nevrolog", "slr neg bilat", False),                      # a vowel-bearing token is no skeleton
])
def test_word_present_in_any_surface_form(word, text, present):
    assert words_present(word, text) is present


def test_shorthand_movement_and_strength_are_read():
    prompt = ("K 62, hø hofte-smerter 8 mnd. Int.rot hø nedsatt og smertefull. Styrke ua. Beh: mob hofte.")
    assert not _fails(prompt, "Innadrotasjon i høyre hofte er nedsatt og smertefull. Muskelstyrken er normal.")
    assert _hit(prompt, "Innadrotasjon i høyre hofte er nedsatt. Nedsatt styrke i hoften.", "styrke")


def test_a_denied_next_item_does_not_judge_a_finding_normal():
    prompt = "Palp.øm ATFL ve, ikke benøm. Skuffe-test neg."
    assert not _fails(prompt, "O: Palpasjonsømhet over ATFL venstre, ingen benømhet. Skuffetest negativ.")


def test_side_of_a_word_no_lexicon_names():
    prompt = "M 29, vondt hø skulder 6 u. Beh: trp infraspinatus hø, IMS. Ko 2 u."
    assert not _fails(prompt, "P: Triggerpunktbehandling av m. infraspinatus høyre. Kontroll om to uker.")
    assert _hit(prompt, "P: Triggerpunktbehandling av m. infraspinatus venstre. Kontroll om to uker.", "venstre")


def test_result_of_a_test_no_lexicon_names():
    prompt = "G 16, overtråkk ve ankel. Ottawa neg. FADIR pos ve."
    assert not _fails(prompt, "O: Ottawa-reglene er negative. FADIR er positiv på venstre side.")
    assert _hit(prompt, "O: Ottawa-reglene er positive. FADIR er positiv på venstre side.", "positive")


def test_a_result_that_changed_supports_both_values():
    prompt = "Lasègue gikk fra positiv ved 35 grader til negativ. Behandlingen er avsluttet."
    out = "Lasègues test var ved oppstart positiv ved 35 grader og er nå negativ. Behandlingen er avsluttet."
    assert not _fails(prompt, out)


def test_an_input_on_one_side_contradicts_the_other_side_anywhere():
    prompt = "K 52, nummenhet dig. 1-3 hø hånd om natten 2 mnd. Phalen pos hø, Tinel pos hø."
    assert not _fails(prompt, "A: Funnene passer med karpaltunnelsyndrom høyre.")
    assert _hit(prompt, "A: Funnene passer med karpaltunnelsyndrom venstre.", "venstre")
    both = "K 52, nummenhet hø hånd, smerter ve skulder."  # both sides in the input: no evidence either way
    assert not _hit(both, "A: Karpaltunnelsyndrom venstre.", "venstre")


def test_imaging_the_input_says_was_not_done_or_only_orders():
    prompt = "K 62, hø hofte-smerter 8 mnd. Rtg ikke tatt. Ønsker rtg hofte for å vurdere artrose."
    assert not _fails(prompt, "Det er ikke tatt røntgen. Vi ber om røntgen av hoften for å vurdere artrose.")
    assert _hit(prompt, "Tidligere røntgen viste lett artrose i hoften.", "røntgen viste lett artrose")


def test_numbers_in_shorthand_units_and_counts_of_things():
    prompt = "K 71, balanseproblemer og to fall siste halvår. Hodepine 2-3 g/uke. Gangdistanse 200 m."
    ok = "Hun har falt to ganger det siste halve året, har hodepine to til tre ganger i uken og går 200 meter."
    assert not _fails(prompt, ok)
    assert _hit(prompt, ok.replace("falt to ganger", "falt tre ganger"), "tre ganger")
    assert _hit(prompt, ok.replace("200 meter", "500 meter"), "500 meter")


def test_a_referral_the_input_only_considers():
    prompt = "M 31, hø skulder ustabil. Beh: stabiliseringsøv. Vurd. henv. ortoped hvis ikke bedre. Ko 4 u."
    assert not _fails(prompt, "P: Stabiliserende øvelser. Henvisning til ortoped vurderes dersom det ikke blir bedre.")
    assert _hit(prompt, "P: Stabiliserende øvelser. Henvist til ortoped. Kontroll om fire uker.", "ortoped")
