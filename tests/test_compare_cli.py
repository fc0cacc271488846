"""``chirogate compare`` and ``chirogate baseline add`` through the real CLI (subprocess)."""

from __future__ import annotations

import json

from helpers import assert_clean_error
from registry import Registry
from registry.comparisons import list_comparisons
from test_compare_support import make_models, synthetic_results, write_eval_run


def test_baseline_add_registers_prompt_gguf_modelfile_and_alias(cli, tmp_path):
    prompt = tmp_path / "system.txt"
    prompt.write_text("Du er en erfaren kiropraktor. Skriv korte, presise SOAP-notater på bokmål.\n", "utf-8")
    gguf = tmp_path / "tiny-base.q8_0.gguf"
    gguf.write_bytes(b"GGUF tiny base")
    r = cli("baseline", "add", "demo-base", "--base", str(gguf), "--system-prompt-file", str(prompt),
            "--family", "demo", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["family_baseline"] == "demo-base"
    with Registry() as reg:
        m = reg.get_model("demo-base")
        g = reg.latest_artifact("demo-base", "gguf")
        mf = reg.artifact_path(reg.latest_artifact("demo-base", "modelfile")).read_text("utf-8")
        assert reg.alias_target("demo", "baseline").name == "demo-base"
    assert m.kind == "baseline" and m.system_prompt.startswith("Du er en erfaren kiropraktor")
    assert g.quantization == "q8_0"
    assert mf.startswith("FROM ./tiny-base.q8_0.gguf\nSYSTEM \"\"\"Du er en erfaren kiropraktor")
    # A second baseline does not silently take over the family's alias.
    r = cli("baseline", "add", "demo-base2", "--base", str(gguf), "--system-prompt-file", str(prompt),
            "--family", "demo")
    assert r.code == 0 and "demo@baseline -> demo-base" in r.out


def test_baseline_add_bad_input(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    assert_clean_error(cli("baseline", "add", "b", "--base", "x", "--system-prompt-file", str(empty),
                           "--family", "f"), "system prompt is empty")
    prompt = tmp_path / "p.txt"
    prompt.write_text("hei", "utf-8")
    assert_clean_error(cli("baseline", "add", "b", "--base", "hub/model", "--system-prompt-file", str(prompt)),
                       "--family is required")
    assert_clean_error(cli("baseline", "add", "b", "--base", str(tmp_path / "nope.gguf"),
                           "--system-prompt-file", str(prompt), "--family", "f"), "nope.gguf", "does not exist")
    with Registry() as reg:
        assert reg.list_models() == []


def test_compare_cli_prints_verdict_and_records(cli, tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        base = synthetic_results(50, rouge_mean=0.5, seed=1)
        write_eval_run(reg, "chiro-no-base", base)
        write_eval_run(reg, "chiro-no-v2", synthetic_results(50, rouge_mean=0, seed=2, base=base, shift=0.1))
    r = cli("compare", "chiro-no-v2", "--baseline", "chiro-no-base", "--no-run")
    assert r.code == 0, r.err
    assert "verdict: PROMOTE" in r.out and "ROUGE-L" in r.out and "McNemar" in r.out and "latency p95" in r.out
    # Without --baseline: the family's only baseline.
    r = cli("compare", "chiro-no-v2", "--no-run", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["verdict"] == "promote" and out["baseline"] == "chiro-no-base"
    assert out["stats"]["rouge"]["ci"]["resamples"] == 10_000
    with Registry() as reg:
        assert [c.verdict for c in list_comparisons(reg)] == ["promote", "promote"]


def test_compare_cli_refuses_non_comparable_and_missing_runs(cli, tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        res = synthetic_results(30, rouge_mean=0.5, seed=1)
        write_eval_run(reg, "chiro-no-v2", res)
    assert_clean_error(cli("compare", "chiro-no-v2", "--baseline", "chiro-no-base", "--no-run"),
                       "chiro-no-base", "no finished eval run", "pytest suites --model chiro-no-base")
    with Registry() as reg:
        write_eval_run(reg, "chiro-no-base", res, backend="ollama")
    assert_clean_error(cli("compare", "chiro-no-v2", "--baseline", "chiro-no-base", "--no-run"),
                       "not comparable", "backend differs (llamacpp vs ollama)")
    with Registry() as reg:
        assert list_comparisons(reg) == []
