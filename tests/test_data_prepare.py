"""``chirogate data prepare``: scrubbed ChatML splits, card, fingerprint, registry, determinism, leakage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import assert_clean_error

from registry import Registry
from registry.datasets import get_dataset, list_datasets
from registry.errors import NotFoundError, RegistryError
from registry.hashing import hash_value
from training.data import SPLITS, load_split
from training.data.prepare import SYSTEM_PROMPTS, assign_splits, leakage, prepare
from training.data.synth import canaries, generate_records, write_jsonl

DATA = Path(__file__).parent / "data"


@pytest.fixture
def raw(tmp_path) -> tuple[Path, list[dict]]:
    recs = generate_records(120, 21, pii_rate=0.3, canary_rate=0.05)
    return write_jsonl(recs, tmp_path / "raw.jsonl"), recs


def _identifiers(recs: list[dict]) -> set[str]:
    out = set()
    for r in recs:
        for m in re.finditer(r"fødselsnummer (\d{11})|tlf ([+\d ]{8,15}\d)|Kontonummer: ([\d.]+)|E-post: (\S+)",
                             r["prompt"]):
            out |= {g for g in m.groups() if g}
    return out


def test_prepare_cli_scrubs_splits_and_registers(cli, tmp_path, raw):
    path, recs = raw
    r = cli("data", "prepare", path, DATA / "alpaca.json", "--out", tmp_path / "ds", "--name", "syn-test", "--json")
    assert r.code == 0, r.err
    card = json.loads((tmp_path / "ds" / "card.json").read_text("utf-8"))
    assert json.loads(r.out)["fingerprint"] == card["fingerprint"]
    rows = {s: load_split(tmp_path / "ds", s) for s in SPLITS}
    total = sum(len(v) for v in rows.values())
    assert total == 122 - sum(card["duplicates_removed"].values())
    assert (card["n_train"], card["n_validation"], card["n_test"]) == tuple(len(rows[s]) for s in SPLITS)
    assert abs(card["n_train"] / total - 0.8) < 0.05 and card["n_test"] >= 10
    assert card["fingerprint"] == hash_value(rows)
    assert [f["format"] for f in card["files"]] == ["prompt_response", "alpaca"]
    assert card["leakage"] == {"passed": True, "test_vs_train": 0, "validation_vs_train": 0, "threshold": 0.9}
    assert card["canaries"] == canaries(recs)
    # scrubbed: no planted identifier anywhere in the dataset directory, typed placeholders instead
    text = "".join(p.read_text("utf-8") for p in (tmp_path / "ds").iterdir())
    ids = _identifiers(recs)
    assert len(ids) > 30 and not [i for i in ids if i in text]
    assert "<FØDSELSNUMMER>" in text or "<D-NUMMER>" in text
    assert "<NAVN>" in text and "<TELEFON>" in text
    assert card["scrubbed"]["NAVN"] > 0 and all(isinstance(v, int) for v in card["scrubbed"].values())
    by_id = {r["id"]: r for r in recs}
    assert any("system" in by_id.get(row["id"], {}) for row in rows["train"])
    for row in rows["train"]:
        assert set(row) == {"id", "messages", "doc_type", "region", "severity", "source"}
        assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant"]
        own = by_id.get(row["id"], {}).get("system")  # a record's own system prompt wins over its type's
        if own or row["doc_type"] in SYSTEM_PROMPTS:
            assert row["messages"][0]["content"] == (own or SYSTEM_PROMPTS[row["doc_type"]])
        assert re.fullmatch(r"(raw\.jsonl|alpaca\.json):\d+", row["source"])
    counts = card["counts"]["doc_type"]
    assert sum(sum(v.values()) for v in counts.values()) == total
    with Registry() as reg:
        rec = get_dataset(reg, card["fingerprint"][7:20])  # a hex prefix
        assert rec.name == "syn-test" and rec.n_test == card["n_test"]
        assert (rec.path / "train.jsonl").read_bytes() == (tmp_path / "ds" / "train.jsonl").read_bytes()
        assert [d.fingerprint for d in list_datasets(reg)] == [card["fingerprint"]]
        assert reg.events(action="dataset.register")
        with pytest.raises(NotFoundError):
            get_dataset(reg, "sha256:" + "0" * 64)
    listed = cli("data", "list", "--json")
    assert listed.code == 0 and [d["name"] for d in json.loads(listed.out)] == ["syn-test"]
    again = cli("data", "prepare", path, "--out", tmp_path / "ds")
    assert_clean_error(again, "already exists")


def test_split_is_deterministic_and_seeded(tmp_path, raw):
    path, _ = raw
    a = prepare([path], tmp_path / "a", seed=1, register=False)
    b = prepare([path], tmp_path / "b", seed=1, register=False)
    c = prepare([path], tmp_path / "c", seed=2, register=False)
    for s in SPLITS:
        assert (tmp_path / "a" / f"{s}.jsonl").read_bytes() == (tmp_path / "b" / f"{s}.jsonl").read_bytes()
    assert a.fingerprint == b.fingerprint != c.fingerprint
    assert (a.card["n_train"], a.card["n_test"]) == (c.card["n_train"], c.card["n_test"])


def test_near_equal_prompts_stay_in_one_split_and_leakage_is_detected(tmp_path):
    base = generate_records(60, 5, pii_rate=0.0, canary_rate=0.0)
    # the same prompt with another record's (different) answer: not a duplicate, but a leak if split apart
    recs = base + [{**base[i], "id": f"twin-{i}", "response": base[(i + 7) % 60]["response"]} for i in range(30)]
    res = prepare([write_jsonl(recs, tmp_path / "raw.jsonl")], tmp_path / "ds", register=False)
    assert res.card["duplicates_removed"] == {"exact": 0, "near": 0}
    where: dict[str, set[str]] = {}
    for s in SPLITS:
        for row in load_split(tmp_path / "ds", s):
            where.setdefault(row["messages"][1]["content"], set()).add(s)
    assert all(len(v) == 1 for v in where.values()) and res.card["leakage"]["passed"]
    train = [r["prompt"] for r in base[:40]]
    other = [base[3]["prompt"], base[50]["prompt"], base[10]["prompt"].replace("NRS", "NRS-skår")]
    assert [i for i, _, _ in leakage(train, other)] == [0, 2]


def test_assign_splits_is_stratified():
    strata = [f"soap/{r}" for r in ("neck", "knee") for _ in range(50)]
    split = assign_splits(strata, [1] * 100, seed=0)
    for region in ("neck", "knee"):
        got = [split[i] for i, s in enumerate(strata) if s.endswith(region)]
        assert got.count(0) == 40 and got.count(1) == 5 and got.count(2) == 5


def test_strict_refuses_errors_unless_skipped_and_then_lists_them(cli, tmp_path):
    r = cli("data", "prepare", DATA / "problems.jsonl", "--out", tmp_path / "ds", "--strict")
    assert_clean_error(r, "exceed [data] max_errors = 0", "problems.jsonl:2: control_tokens")
    assert not (tmp_path / "ds").exists()
    res = prepare([DATA / "problems.jsonl", DATA / "bad_type.jsonl"], tmp_path / "ds", skip_invalid=True,
                  register=False, strict=True)
    skipped = [s.split(": ")[0] for s in res.card["skipped"]]
    # errors only: glued text, Nynorsk and codes are warnings (kept), see README "Data checks"
    assert [Path(s).name for s in skipped] == ["bad_type.jsonl:2"] + [f"problems.jsonl:{n}" for n in (2, 3, 5, 7, 8)]
    assert res.card["duplicates_removed"] == {"exact": 1, "near": 1}  # lines 13 and 14 duplicate line 1
    assert res.card["n_train"] + res.card["n_validation"] + res.card["n_test"] == 8


def test_default_drops_error_records_and_lists_them_per_type(tmp_path):
    res = prepare([DATA / "problems.jsonl"], tmp_path / "ds", register=False)
    dropped = {k: [Path(w).name for w in v["locations"]] for k, v in res.card["dropped"].items()}
    assert dropped == {"control_tokens": ["problems.jsonl:2"], "truncated": ["problems.jsonl:3"],
                       "placeholder": ["problems.jsonl:5"], "short_answer": ["problems.jsonl:7"],
                       "english": ["problems.jsonl:8"]}
    assert res.card["n_train"] + res.card["n_validation"] + res.card["n_test"] == 7


def test_a_failed_registration_leaves_nothing(tmp_path, raw, monkeypatch):
    path, _ = raw
    home = tmp_path / "home-file"
    home.write_text("not a directory", "utf-8")  # the registry cannot be opened here
    monkeypatch.setenv("CHIROGATE_HOME", str(home))
    with pytest.raises(RegistryError, match="cannot create CHIROGATE_HOME"):
        prepare([path], tmp_path / "ds", register=True)
    assert not (tmp_path / "ds").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ds")]


def test_prepare_keep_pii_skips_the_scrub_and_says_so(cli, tmp_path, raw):
    """``--keep-pii`` (the demo's flawed candidate) keeps personal data, warns, and the card records it."""
    path, recs = raw
    r = cli("data", "prepare", path, "--out", tmp_path / "ds", "--no-register", "--keep-pii")
    assert r.code == 0, r.err
    assert "WARNING: personal data NOT scrubbed (--keep-pii)" in r.out
    card = json.loads((tmp_path / "ds" / "card.json").read_text("utf-8"))
    assert card["scrubbed"] == "skipped (keep_pii)"
    text = "".join(p.read_text("utf-8") for p in (tmp_path / "ds").iterdir())
    ids = _identifiers(recs)
    assert len(ids) > 30 and all(i in text for i in ids if not i.startswith("+47"))
    assert "<NAVN>" not in text
