"""DPO training on the tiny model: a {messages, chosen, rejected} export prepared by the real
``chirogate data prepare`` and trained with ``chirogate train --method dpo``, recorded like SFT."""

from __future__ import annotations

import json

from helpers import assert_clean_error

from registry import Registry
from registry.training import get_run

FAST = ("--profile", "tiny", "--max-steps", "2", "--eval-steps", "2", "--no-progress")


def _dpo_export(tmp_path, n=24):
    from training.data.synth import generate_records

    rows = []
    for r in generate_records(n, 5, pii_rate=0.0, canary_rate=0.0):
        rows.append({"messages": [{"role": "user", "content": r["prompt"]}], "chosen": r["response"],
                     "rejected": "Pasienten bør holde sengen til smertene går over.", "doc_type": r.get("doc_type")})
    raw = tmp_path / "dpo.jsonl"
    raw.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows), "utf-8")
    return raw


def test_dpo_run_is_recorded_like_sft(cli, tmp_path, tiny_base_dir):
    r = cli("data", "prepare", _dpo_export(tmp_path), "--out", tmp_path / "ds")
    assert r.code == 0, r.err
    fp = json.loads((tmp_path / "ds" / "card.json").read_text("utf-8"))["fingerprint"]
    r = cli("train", "--base", tiny_base_dir, "--dataset", fp, "--name", "chiro-dpo-v1", "--method", "dpo",
            *FAST, "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["steps"] == 2
    with Registry() as reg:
        model = reg.get_model("chiro-dpo-v1")
        assert model.kind == "candidate" and "DPO" in model.notes
        art = reg.latest_artifact("chiro-dpo-v1", "adapter")
        assert art.sha256 == out["adapter_sha256"] and art.meta["dataset"] == fp
        run = get_run(reg, out["run_id"])
        assert run.status == "succeeded" and run.dataset_fingerprint == fp and run.config["method"] == "dpo"
        assert run.config["n_train"] > 0 and {"torch", "trl", "peft"} <= set(run.versions)
        assert run.loss_curve and run.loss_curve[-1][0] == 2 and run.metrics["global_step"] == 2
        assert run.adapter_sha256 == art.sha256 and run.code_version


def test_dpo_without_a_preference_split_is_a_clean_error(cli, tmp_path):
    from training.data.synth import generate_records, write_jsonl

    raw = write_jsonl(generate_records(20, 3, pii_rate=0.0, canary_rate=0.0), tmp_path / "sft.jsonl")
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", "--no-register")
    assert r.code == 0, r.err
    # checked before the base is loaded: the base path need not exist
    r = cli("train", "--base", tmp_path / "unused", "--dataset", tmp_path / "ds", "--name", "x-v1",
            "--method", "dpo", *FAST)
    assert_clean_error(r, "no preference split")
