"""``ungrounded``: training pairs whose answer asserts facts its prompt lacks (issue 14).

``chirogate data check`` names each ungrounded line with its facts; ``data prepare --drop
ungrounded`` leaves them out and counts them in the card. Hand-written pairs, shorthand prompts.
"""

from __future__ import annotations

import json
from pathlib import Path

PAIRS = [
    # 1 grounded: shorthand written out, negations gathered, nothing added
    ("M 44, lx-smerter hø 3 d etter løft. Ingen utstr. NRS 6/10. SLR neg bilat. Beh: mob. lx. Kontroll 1 u.",
     "S: Mann, 44 år, med smerter i høyre side av korsryggen i tre dager etter et løft. Benekter utstråling. "
     "NRS 6/10.\nO: Lasègues test negativ bilateralt.\nP: Mobilisering av lumbalcolumna. Kontroll om én uke.", "soap"),
    # 2 ungrounded: an imaging finding and a brand drug with a dose that nobody reported or decided
    ("K 52, cx-smerter ve 2 u. Spurling neg. Beh: bvb. Kontr 1 u.",
     "S: Kvinne, 52 år, med nakkesmerter på venstre side i to uker. MR viser prolaps C5-C6.\n"
     "O: Spurlings test negativ.\nP: Bløtvevsbehandling. Voltaren 50 mg x 3. Kontroll om én uke.", "soap"),
    # 3 grounded letter
    ("Henvisning til fastlege: M 60, hø skulder smerter 3 mnd, Hawkins pos hø. Ønsker UL skulder.",
     "Til fastlege\n\nMann, 60 år, med smerter i høyre skulder i tre måneder. Positiv Hawkins-Kennedy test "
     "på høyre side. Vi ber om ultralyd av skulderen.\n\nMed vennlig hilsen\nkiropraktor", "letter"),
    # 4 ungrounded: side flipped, operation invented
    ("K 35, ve kne smerter 6 u. McMurray neg.",
     "S: Kvinne, 35 år, med smerter i høyre kne i seks uker. Operert i kneet i 2019.\nO: McMurray negativ.", "soap"),
    # 5 a patient's question answered with general advice: not a document written from the prompt's facts
    ("Hva kan jeg gjøre mot vondt i ryggen?",
     "Hold deg i aktivitet, gå turer og bruk varme. Ibux kan hjelpe i noen dager.", "message"),
]


def _write(path):
    path.write_text("".join(json.dumps({"prompt": p, "response": r, "doc_type": d}, ensure_ascii=False) + "\n"
                            for p, r, d in PAIRS), "utf-8")
    return path


def test_data_check_names_each_ungrounded_line_and_its_facts(cli, tmp_path):
    raw = _write(tmp_path / "export.jsonl")
    r = cli("data", "check", raw, "--json")
    rep = json.loads(r.out)
    locs = rep["problems"]["ungrounded"]["locations"]
    assert [loc["where"].rsplit(":", 1)[1] for loc in locs] == ["2", "4"]
    assert rep["problems"]["ungrounded"]["severity"] == "warning" and r.code == 0, r.err
    two, four = locs[0]["message"], locs[1]["message"]
    assert "imaging" in two and "medication 'diclofenac'" in two and "invented" in two
    assert "contradiction" in four and "laterality" in four and "history 'surgery'" in four


def test_prepare_drops_ungrounded_and_counts_them(cli, tmp_path):
    raw = _write(tmp_path / "export.jsonl")
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", "--no-register", "--drop", "ungrounded", "--json")
    assert r.code == 0, r.err
    card = json.loads((tmp_path / "ds" / "card.json").read_text("utf-8"))
    assert {k: (v["count"], [Path(w).name for w in v["locations"]]) for k, v in card["dropped"].items()} == {
        "ungrounded": (2, ["export.jsonl:2", "export.jsonl:4"])}
    assert card["n_train"] + card["n_validation"] + card["n_test"] == 3  # of 5
    assert card["problems"]["ungrounded"]["count"] == 2 and json.loads(r.out)["dropped"] == card["dropped"]
