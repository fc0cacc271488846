"""What a killed process leaves behind: stale temp folders, a training run left ``running``, and
half of a registration and its publishing (dataset folder, export files). Each kill lands at a
step the test names (``CHIROGATE_CRASH_AT``, a SIGKILL the process sends itself), never by a timer."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from registry import Registry
from registry.datasets import list_datasets
from registry.files import owned_prefix
from registry.training import close_dead_runs, get_run, process_marker, start_run


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()  # reaped: the pid no longer names a process
    return p.pid


def test_a_run_whose_process_died_is_marked_interrupted_on_the_next_start(chirogate_home):
    here = process_marker()
    with Registry() as reg:
        dead = start_run(reg, model_name="m-v1", base_model="b", dataset_fingerprint=None,
                         config={"process": {**here, "pid": _dead_pid()}}, versions={}, code_version=None)
        alive = start_run(reg, model_name="m-v2", base_model="b", dataset_fingerprint=None,
                          config={"process": here}, versions={}, code_version=None)
        elsewhere = start_run(reg, model_name="m-v3", base_model="b", dataset_fingerprint=None,
                              config={"process": {"host": "another-host", "pid": _dead_pid()}}, versions={},
                              code_version=None)
        assert close_dead_runs(reg) == [dead]
        run = get_run(reg, dead)
        assert run.status == "interrupted" and "died" in run.error
        assert get_run(reg, alive).status == "running" and get_run(reg, elsewhere).status == "running"
        assert reg.events(action="training.fail")[-1].payload["run_id"] == dead
        assert close_dead_runs(reg) == []  # once


def test_verify_lists_stale_temp_and_fix_removes_it(cli, chirogate_home):
    with Registry() as reg:
        pass
    leftovers = [chirogate_home / "artifacts" / "objects" / "ab" / ".tmp-k9x", chirogate_home / ".tmp-registry-1.db",
                 chirogate_home / "training" / "m-v1" / ".adapter-tmp-2" / "adapter_model.safetensors",
                 chirogate_home / "artifacts" / "dirs" / ".tmp-dir-7" / "test.jsonl"]
    for p in leftovers:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"half")
    r = cli("registry", "verify", "--json")
    assert r.code == 0, r.err  # leftovers are not tampering
    assert len(json.loads(r.out)["stale_temp"]) == 4
    r = cli("registry", "verify", "--fix")
    assert r.code == 0 and r.err.count("removed temp:") == 4
    assert not any(p.exists() for p in leftovers[:2])
    assert not (chirogate_home / "training" / "m-v1" / ".adapter-tmp-2").exists()
    assert not (chirogate_home / "artifacts" / "dirs" / ".tmp-dir-7").exists()
    assert json.loads(cli("registry", "verify", "--json").out)["stale_temp"] == []


# ---- a kill between registration and publishing (deterministic: CHIROGATE_CRASH_AT names the step) ----

KILLED = -signal.SIGKILL


def _raw(tmp_path, name="raw.jsonl", n=30, seed=5):
    from training.data.synth import generate_records

    raw = tmp_path / name
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                           for r in generate_records(n, seed, pii_rate=0.0, canary_rate=0.0)), "utf-8")
    return raw


def _leftovers(folder, stem):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{stem}."))


def _journal(home):
    d = home / "publishing"
    return sorted(p.name for p in d.iterdir()) if d.is_dir() else []


def test_prepare_killed_just_after_registration_is_finished_by_the_next_start(cli, tmp_path, chirogate_home):
    raw = _raw(tmp_path)
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", env={"CHIROGATE_CRASH_AT": "dataset.registered"})
    assert r.code == KILLED, (r.code, r.err)
    # The kill fell between the two halves: registered, the folder not in place, a journal entry saying so.
    with Registry() as reg:
        [ds] = list_datasets(reg)
    assert not (tmp_path / "ds").exists() and len(_leftovers(tmp_path, "ds")) == 1
    assert len(_journal(chirogate_home)) == 1
    listed = json.loads(cli("registry", "verify", "--json").out)["unfinished_publications"]
    assert len(listed) == 1 and str(tmp_path / "ds") in listed[0]
    # The next start of the same command (for another dataset) finishes it first.
    r = cli("data", "prepare", _raw(tmp_path, "raw2.jsonl", seed=6), "--out", tmp_path / "ds2")
    assert r.code == 0, r.err
    assert "finished an interrupted publication: dataset " + ds.fingerprint in r.err
    card = json.loads((tmp_path / "ds" / "card.json").read_text("utf-8"))
    assert card["fingerprint"] == ds.fingerprint
    for f in ("train.jsonl", "validation.jsonl", "test.jsonl", "card.json"):
        assert (tmp_path / "ds" / f).read_bytes() == (ds.path / f).read_bytes()  # what the registry holds
    assert _leftovers(tmp_path, "ds") == [] and _journal(chirogate_home) == []
    with Registry() as reg:
        assert len(list_datasets(reg)) == 2


def test_verify_fix_settles_an_interrupted_publication(cli, tmp_path, chirogate_home):
    r = cli("data", "prepare", _raw(tmp_path), "--out", tmp_path / "ds", env={"CHIROGATE_CRASH_AT": "dataset.moving"})
    assert r.code == KILLED and (tmp_path / "ds" / "card.json").is_file()  # the move itself happened, its cleanup not
    r = cli("registry", "verify", "--fix")
    assert r.code == 0 and "finished an interrupted publication: dataset" in r.err
    assert _leftovers(tmp_path, "ds") == [] and _journal(chirogate_home) == []
    assert json.loads(cli("registry", "verify", "--json").out)["unfinished_publications"] == []


def test_prepare_killed_before_its_registration_commits_leaves_nothing_after_the_next_start(cli, tmp_path,
                                                                                            chirogate_home):
    raw = _raw(tmp_path)
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", env={"CHIROGATE_CRASH_AT": "dataset.staged"})
    assert r.code == KILLED, (r.code, r.err)
    with Registry() as reg:
        assert list_datasets(reg) == []
    assert not (tmp_path / "ds").exists() and len(_journal(chirogate_home)) == 1
    # The same command again: the killed run's temp folder and journal entry go, then it runs whole.
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", "--json")
    assert r.code == 0, r.err
    assert "removed an interrupted publication that was never registered" in r.err
    assert _leftovers(tmp_path, "ds") == [] and _journal(chirogate_home) == []
    with Registry() as reg:
        [ds] = list_datasets(reg)
    assert ds.fingerprint == json.loads(r.out)["fingerprint"]


def test_a_temp_folder_killed_before_any_journal_is_swept_by_the_next_prepare(cli, tmp_path, chirogate_home):
    raw = _raw(tmp_path)
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", "--no-register",
            env={"CHIROGATE_CRASH_AT": "dataset.written"})
    assert r.code == KILLED and len(_leftovers(tmp_path, "ds")) == 1
    # A temp folder of a live process (this pytest process) and an untagged one are not touched.
    live = tmp_path / f".ds.tmp-{owned_prefix('')}live"
    live.mkdir()
    legacy = tmp_path / ".ds.tmp-oldformat"
    legacy.mkdir()
    r = cli("data", "prepare", raw, "--out", tmp_path / "ds", "--no-register")
    assert r.code == 0, r.err
    assert _leftovers(tmp_path, "ds") == sorted([live.name, legacy.name])


def test_stale_store_temps_are_removed_by_the_next_write_and_live_ones_kept(cli, tmp_path, chirogate_home):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" + b"\x00" * 64)
    args = ("registry", "register", "m", "--family", "f", "--kind", "baseline", "--base", "b",
            "--artifact", f"gguf={gguf}")
    r = cli(*args, env={"CHIROGATE_CRASH_AT": "store.copying"})
    assert r.code == KILLED
    objects = chirogate_home / "artifacts" / "objects"
    [dead] = list(objects.glob("*/.tmp-*"))
    live = objects / "ab" / f".tmp-{owned_prefix('')}live"  # held by this (live) pytest process
    live.parent.mkdir(exist_ok=True)
    live.write_bytes(b"in progress")
    with Registry() as reg:
        assert reg.list_models() == []
    r = cli(*args)
    assert r.code == 0, r.err
    assert not dead.exists() and live.exists()
    with Registry() as reg:
        assert not reg.verify()


def test_a_killed_training_run_is_marked_interrupted_by_the_next_train_start(cli, chirogate_home):
    with Registry() as reg:
        reg.register_model("m-v1", family="m", kind="baseline", base_model="b")
        dead = start_run(reg, model_name="m-v1", base_model="b", dataset_fingerprint=None,
                         config={"process": {**process_marker(), "pid": _dead_pid()}}, versions={}, code_version=None)
    # The next `chirogate train` (refused here: the name is taken) closes the dead run before anything else.
    r = cli("train", "--base", "b", "--dataset", "nowhere", "--name", "m-v1")
    assert r.code == 2 and "already registered" in r.err
    with Registry() as reg:
        run = get_run(reg, dead)
    assert run.status == "interrupted" and "died" in run.error


@pytest.fixture
def untrained_candidate(chirogate_home, tmp_path):
    """A registry with candidate ``tiny-cand``: the shipped tiny base and a real, freshly initialised
    LoRA adapter (peft, B = 0), so that an export runs whole in seconds, without a training run."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from training.tiny import shipped_base

    base = shipped_base()
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(str(base)),
                           LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
    adapter = tmp_path / "adapter"
    model.save_pretrained(adapter)
    AutoTokenizer.from_pretrained(str(base)).save_pretrained(adapter)
    reg = Registry()
    reg.register_model("tiny-cand", family="tiny", kind="candidate", base_model=str(base),
                       system_prompt="Du er en klinisk assistent.", artifacts=[("adapter", adapter)])
    try:
        yield reg
    finally:
        reg.close()


def test_an_export_killed_around_its_registration_is_undone_or_finished_by_the_next_export(untrained_candidate, cli,
                                                                                           tmp_path, chirogate_home):
    from registry.hashing import hash_file

    reg = untrained_candidate
    out = tmp_path / "out"
    args = ("export", "tiny-cand", "--quantize", "q8_0", "--no-progress", "--out")
    # 1. killed before the registration commits: nothing registered, the staging and a journal entry left.
    r = cli(*args, out, env={"CHIROGATE_CRASH_AT": "export.staged"})
    assert r.code == KILLED, (r.code, r.err)
    assert not reg.events(subject="tiny-cand", action="model.export")
    [staged] = [p.name for p in out.iterdir()]
    assert staged.startswith(".staging-") and len(_journal(chirogate_home)) == 1
    # 2. the next export undoes that, then is killed after its commit, with one file moved into place.
    r = cli(*args, out, env={"CHIROGATE_CRASH_AT": "export.moving"})
    assert r.code == KILLED, (r.code, r.err)
    assert "removed an interrupted publication that was never registered: export tiny-cand" in r.err
    [event] = reg.events(subject="tiny-cand", action="model.export")
    names = {p.name for p in out.iterdir()}
    assert staged not in names and len([n for n in names if not n.startswith(".")]) == 1
    # 3. the next export (elsewhere) finishes it: every registered file in place, byte for byte.
    r = cli(*args, tmp_path / "out2")
    assert r.code == 0, r.err
    assert "finished an interrupted publication: export tiny-cand" in r.err
    assert sorted(p.name for p in out.iterdir()) == ["Modelfile", "merged", "tiny-cand-q8_0.gguf"]
    for name in ("Modelfile", "tiny-cand-q8_0.gguf"):
        assert hash_file(out / name) == event.payload["files"][name]
    assert _journal(chirogate_home) == []
