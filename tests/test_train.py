"""LoRA / QLoRA training: the run record, resume after an interrupt, QLoRA on CPU, and bad input."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import pytest
from helpers import assert_clean_error

from registry import Registry
from registry.training import get_run, runs_for_model
from training.lora import resolve_qlora, train
from training.profiles import TrainConfig, train_config

FAST = ("--profile", "tiny", "--max-steps", "4", "--eval-steps", "2", "--no-progress")


def _prepare_dataset(cli, tmp_path, n=40, seed=3) -> str:
    """A small dataset prepared and registered by the real ``chirogate data prepare``; its fingerprint."""
    from training.data.synth import generate_records

    raw = tmp_path / "raw.jsonl"
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                           for r in generate_records(n, seed, pii_rate=0.0, canary_rate=0.0)), "utf-8")
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds")
    assert r.code == 0, r.err
    return json.loads((tmp_path / "ds" / "card.json").read_text("utf-8"))["fingerprint"]


def test_train_cli_records_the_run_and_registers_the_adapter(cli, tmp_path, tiny_base_dir):
    fp = _prepare_dataset(cli, tmp_path)
    r = cli("train", "--base", tiny_base_dir, "--dataset", fp, "--name", "chiro-no-v2", *FAST, "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["steps"] == 4 and out["qlora"] is False
    with Registry() as reg:
        model = reg.get_model("chiro-no-v2")
        assert (model.kind, model.family, model.base_model) == ("candidate", "chiro-no", str(tiny_base_dir))
        art = reg.latest_artifact("chiro-no-v2", "adapter")
        assert art.sha256 == out["adapter_sha256"] and art.is_dir
        assert art.meta["dataset"] == fp and art.meta["training_run"] == out["run_id"]
        run = get_run(reg, out["run_id"])
        assert run.status == "succeeded" and run.model_id == model.id and run.dataset_fingerprint == fp
        assert run.config["lora_r"] == 16 and run.config["max_steps"] == 4 and run.config["gradient_checkpointing"] is False
        assert run.config["target_modules"] == ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
        assert {"torch", "transformers", "peft", "trl"} <= set(run.versions)
        assert run.code_version and run.loss_curve and run.loss_curve[-1][0] == 4
        assert run.metrics["global_step"] == 4 and [e["step"] for e in run.metrics["evals"]] == [2, 4]
        assert run.wall_s > 0 and run.tokens_per_s > 0 and run.adapter_sha256 == art.sha256
        actions = [e.action for e in reg.events()]
        assert actions.index("training.start") < actions.index("model.register") < actions.index("training.finish")
        adapter = reg.artifact_path(art)
        cfg = json.loads((adapter / "adapter_config.json").read_text())
        assert cfg["r"] == 16 and set(cfg["target_modules"]) == set(run.config["target_modules"])


def _interrupt_at(step: int):
    """A trainer callback that presses Ctrl-C (a real SIGINT to this process) right after checkpoint
    ``step`` is saved: the interruption lands at a step the test chooses, however fast the machine."""
    import os

    from transformers import TrainerCallback

    class InterruptAfterSave(TrainerCallback):
        def on_save(self, args, state, control, **kwargs):
            if state.global_step == step:
                os.kill(os.getpid(), signal.SIGINT)  # Python raises KeyboardInterrupt here, in the main thread

    return InterruptAfterSave()


def test_interrupted_training_resumes_from_the_last_checkpoint(cli, tmp_path, tiny_base_dir, tiny_dataset_dir,
                                                               chirogate_home):
    # Interrupted in process at a step the test controls (a signal sent from outside raced the
    # training: on a fast machine all 12 steps finished before it landed).
    ckpts = chirogate_home / "training" / "resumable-v1"
    # Ctrl-C as a fresh `chirogate train` process gets it: Python's own handler. Earlier tests in the
    # same pytest process (a library they load) can leave another SIGINT handler installed, which
    # swallowed the interrupt in the full run; restore it for the interruption, then put back.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with Registry() as reg, pytest.raises(KeyboardInterrupt):
            train(reg, base=tiny_base_dir, dataset=tiny_dataset_dir, name="resumable-v1", progress=False,
                  config=train_config("tiny", max_steps=12, eval_steps=2), callbacks=[_interrupt_at(4)])
    finally:
        signal.signal(signal.SIGINT, before)
    with Registry() as reg:
        first = runs_for_model(reg, "resumable-v1")
        assert [r.status for r in first] == ["failed"] and first[0].error == "interrupted"
        assert not reg.list_models()  # nothing registered for an interrupted run
    done = sorted(int(c.name.split("-")[1]) for c in ckpts.glob("checkpoint-*"))
    assert done[-1] == 4
    r = cli("train", "--base", tiny_base_dir, "--dataset", tiny_dataset_dir, "--name", "resumable-v1",
            "--profile", "tiny", "--max-steps", "12", "--eval-steps", "2", "--no-progress", "--resume", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["steps"] == 12  # --max-steps holds across the resume
    with Registry() as reg:
        runs = runs_for_model(reg, "resumable-v1")
        assert [r.status for r in runs] == ["failed", "succeeded"]
        assert runs[1].config["resumed_from"].endswith("checkpoint-4")
        assert runs[1].metrics["global_step"] == 12
        assert reg.get_model("resumable-v1").kind == "candidate"


def test_resume_without_a_checkpoint_is_a_clean_error(cli, tiny_base_dir, tiny_dataset_dir):
    r = cli("train", "--base", tiny_base_dir, "--dataset", tiny_dataset_dir, "--name", "x-v1", *FAST, "--resume")
    assert_clean_error(r, "no checkpoint to resume from")
    with Registry() as reg:
        assert not reg.list_models() and not runs_for_model(reg, "x-v1")


def test_qlora_runs_on_cpu_with_bitsandbytes(tiny_base_dir, tiny_dataset_dir, chirogate_home):
    assert resolve_qlora("on") is True and resolve_qlora("off") is False
    import torch

    assert resolve_qlora("auto") is torch.cuda.is_available()
    with Registry() as reg:
        res = train(reg, base=tiny_base_dir, dataset=tiny_dataset_dir, name="q-v1", progress=False,
                    config=train_config("tiny", qlora="on", max_steps=2, eval_steps=2))
        assert res.qlora is True and res.final_step == 2
        run = get_run(reg, res.run_id)
        assert run.config["qlora_resolved"] is True and run.config["optim"] == "auto"
        assert run.status == "succeeded"
        assert reg.latest_artifact("q-v1", "adapter").meta["qlora"] is True


def _broken_base(src: Path, dest: Path, edit) -> Path:
    shutil.copytree(src, dest)
    edit(dest)
    return dest


def _no_template(d: Path) -> None:
    (d / "chat_template.jinja").unlink(missing_ok=True)
    cfg = json.loads((d / "tokenizer_config.json").read_text())
    cfg.pop("chat_template", None)
    (d / "tokenizer_config.json").write_text(json.dumps(cfg))


def _set_config(**kv):
    def edit(d: Path) -> None:
        cfg = json.loads((d / "config.json").read_text())
        cfg.update(kv)
        (d / "config.json").write_text(json.dumps(cfg))
    return edit


@pytest.mark.parametrize("edit, fragments", [
    (_no_template, ["no chat template", "chat_template"]),
    (_set_config(vocab_size=300), ["tokenizer does not match the model", "vocab_size"]),
    (_set_config(model_type="gpt2", architectures=["GPT2LMHeadModel"]), ["unsupported architecture 'gpt2'"]),
], ids=["no-chat-template", "tokenizer-mismatch", "unsupported-arch"])
def test_bad_base_is_refused_before_training(cli, tmp_path, tiny_base_dir, tiny_dataset_dir, edit, fragments):
    base = _broken_base(tiny_base_dir, tmp_path / "base", edit)
    r = cli("train", "--base", base, "--dataset", tiny_dataset_dir, "--name", "bad-v1", *FAST)
    assert_clean_error(r, str(base), *fragments)
    with Registry() as reg:
        assert not reg.list_models() and not reg.artifacts() and not runs_for_model(reg, "bad-v1")


def test_unknown_dataset_and_bad_settings_are_clean_errors(cli, tmp_path, tiny_base_dir, tiny_dataset_dir):
    r = cli("train", "--base", tiny_base_dir, "--dataset", "sha256:" + "0" * 64, "--name", "bad-v1", *FAST)
    assert_clean_error(r, "sha256:" + "0" * 64, "registry")
    r = cli("train", "--base", tiny_base_dir, "--dataset", tiny_dataset_dir, "--name", "bad name", *FAST)
    assert_clean_error(r, "invalid model name")
    r = cli("train", "--base", tiny_base_dir, "--dataset", tiny_dataset_dir, "--name", "b-v1", *FAST, "--lr", "5")
    assert_clean_error(r, "learning_rate")
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text("[train]\nlora_r = 'big'\n")
    r = cli("train", "--base", tiny_base_dir, "--dataset", tiny_dataset_dir, "--name", "b-v1", *FAST, "--config", cfg)
    assert_clean_error(r, f"{cfg}:2", "lora_r")
    with Registry() as reg:
        assert not reg.list_models() and not list(reg.db.query("SELECT * FROM training_runs"))


def test_train_config_profiles_and_validation():
    d = TrainConfig()
    assert (d.lora_r, d.lora_alpha, d.lora_dropout, d.learning_rate, d.warmup_steps) == (16, 16, 0.05, 2e-4, 50)
    assert (d.batch_size, d.grad_accum, d.epochs, d.weight_decay, d.max_grad_norm) == (4, 4, 3.0, 0.01, 0.3)
    assert d.gradient_checkpointing is True and d.optim == "auto" and d.qlora == "auto"
    tiny = train_config("tiny", lora_r=8)
    assert tiny.gradient_checkpointing is False and tiny.max_steps > 0 and tiny.lora_r == 8
    with pytest.raises(ValueError, match="qlora"):
        TrainConfig(qlora="maybe")
    with pytest.raises(ValueError, match="profile"):
        TrainConfig(profile="huge")
