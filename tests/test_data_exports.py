"""``data prepare`` on real-shaped clinic exports: drops and repairs instead of refusing, keeps every
clean record, scrubs names in running text, and prepares DPO pairs into a preference split."""

from __future__ import annotations

import json
import re
from pathlib import Path

from training.data import SPLITS, load_split
from training.data.preference import load_preference

LABELLED = Path(__file__).parent / "labelled"
EXPORTS = LABELLED / "exports_dev.jsonl"
# the one labelled defect the checks miss: "behandl" (cut "behandle") is itself a stem in hunspell-no
KNOWN_MISSES = {25}


def _labels() -> dict[int, dict]:
    rows = (json.loads(x) for x in (LABELLED / "exports_dev.labels.jsonl").read_text("utf-8").splitlines() if x.strip())
    return {r["line"]: r for r in rows}


def test_prepare_keeps_clean_records_repairs_mojibake_and_scrubs_names(cli, tmp_path):
    r = cli("data", "prepare", EXPORTS, "--out", tmp_path / "ds", "--no-register", "--json")
    assert r.code == 0, r.err
    card = json.loads(r.out)
    labels = _labels()
    rows = [row for s in SPLITS for row in load_split(tmp_path / "ds", s)]
    kept = {int(row["source"].rsplit(":", 1)[1]) for row in rows}
    clean = {ln for ln, lab in labels.items() if not lab["defects"]}
    assert clean <= kept, sorted(clean - kept)
    # what must go is gone, each listed per type with file:line
    dropped = {int(w.rsplit(":", 1)[1]) for v in card["dropped"].values() for w in v["locations"]}
    for kind in ("truncated", "placeholder", "boilerplate", "prompt_copy"):
        lines = {ln for ln, lab in labels.items() if kind in lab["defects"]} - KNOWN_MISSES
        assert lines <= dropped and not lines & kept, kind
    # mojibake ftfy can undo is repaired and kept ("30 Ã¥r" -> "30 år"); scrambled case is dropped
    assert 35 in kept and 35 in {int(w.rsplit(":", 1)[1]) for w in card["repaired"]["mojibake"]["locations"]}
    text = {int(row["source"].rsplit(":", 1)[1]): json.dumps(row, ensure_ascii=False) for row in rows}
    assert "Kvinne 30 år med korsryggsmerter" in text[35] and "Ã" not in "".join(text.values())
    assert "exports_dev.jsonl:36" in [Path(w).name for w in card["dropped"]["mojibake"]["locations"]] and 36 not in kept
    # glued sentences are repaired, not dropped
    assert 48 in kept and "2019. Fikk" in text[48]
    # no listed first name survives: not in its record's row (any split, the rejected answer included),
    # not in the card; checked per record because "Per" is also the first word of a clean line
    card_text = (tmp_path / "ds" / "card.json").read_text("utf-8")
    for ln, lab in labels.items():
        for name in lab["names"]:
            pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
            assert not re.search(pattern, text.get(ln, "")) and not re.search(pattern, card_text), (ln, name)
    # the clinic's sign-offs stay as they are: organisation and role words are not names
    assert "Mvh Klinikken" in text[7] and "Kiropraktor, Klinikken" in text[11]


def test_dpo_in_every_shape_prepares_into_a_preference_split(cli, tmp_path):
    rows = []
    for i in range(30):
        prompt = f"Skriv P for nakkesmerter, pasient {i}, NRS {i % 10}/10, {i + 2} uker."
        chosen = f"P: Mobilisering og øvelser for nakken, kontroll om {i % 4 + 1} uker. NRS {i % 10}/10 i dag."
        rejected = "P: Hvile i sengen til smertene går over."
        shape = i % 3
        if shape == 0:
            rows.append({"prompt": prompt, "chosen": chosen, "rejected": rejected})
        elif shape == 1:
            rows.append({"prompt": [{"role": "user", "content": prompt}],
                         "chosen": [{"role": "assistant", "content": chosen}],
                         "rejected": [{"role": "assistant", "content": rejected}]})
        else:
            rows.append({"messages": [{"role": "user", "content": prompt + " Hilsen naprapat Torstein"}],
                         "chosen": chosen, "rejected": rejected + " Mvh Torstein"})
    raw = tmp_path / "dpo.jsonl"
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", "--no-register", "--json")
    assert r.code == 0, r.err
    card = json.loads(r.out)
    assert card["files"][0]["format"] == "dpo" and sum(card["n_preference"].values()) == 30
    pairs = {s: load_preference(tmp_path / "ds", s) for s in SPLITS}
    sft = {s: load_split(tmp_path / "ds", s) for s in SPLITS}
    for s in SPLITS:  # same split for the pair and its SFT row (the leakage check covers both)
        assert [p["id"] for p in pairs[s]] == [row["id"] for row in sft[s]]
    p = pairs["train"][0]
    assert [m["role"] for m in p["prompt"]] == ["system", "user"] and p["chosen"][0]["role"] == "assistant"
    assert p["rejected"][0]["content"].startswith("P: Hvile i sengen")
    assert "Torstein" not in "".join(f.read_text("utf-8") for f in (tmp_path / "ds").iterdir())


def test_strict_and_default_on_the_same_export(cli, tmp_path):
    r = cli("data", "prepare", EXPORTS, "--out", tmp_path / "strict", "--no-register", "--strict")
    assert r.code == 2 and "exceed [data] max_errors = 0" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "strict").exists()
    r = cli("data", "prepare", EXPORTS, "--out", tmp_path / "ds", "--no-register")
    assert r.code == 0, r.err
    assert "dropped: " in r.out and "repaired: " in r.out
