"""The embedded tiny base: shape, tokenizer and chat template, and that the fine-tune really teaches it."""

from __future__ import annotations

import json

import pytest
from helpers import assert_clean_error

from training.chat_template import CHATML_TRAINING, has_generation_tags, render_plain, strip_generation_tags
from training.profiles import TinyConfig, tiny_config


def test_tiny_base_shape_tokenizer_and_template(tiny_base_dir):
    from transformers import AutoConfig, AutoTokenizer

    cfg = AutoConfig.from_pretrained(tiny_base_dir)
    assert cfg.model_type == "llama"
    assert cfg.hidden_size % 256 == 0 and cfg.intermediate_size % 256 == 0
    tok = AutoTokenizer.from_pretrained(tiny_base_dir)
    assert len(tok) <= cfg.vocab_size
    assert has_generation_tags(tok.chat_template)
    # Norwegian letters survive a round trip through the byte-level BPE
    text = "Pasienten har smerter i høyre skulder, ømhet over trapezius; kontroll om to uker."
    assert tok.decode(tok(text, add_special_tokens=False)["input_ids"]) == text
    msgs = [{"role": "system", "content": "Du er en assistent."}, {"role": "user", "content": "Skriv notat."},
            {"role": "assistant", "content": "S: Smerte i nakke."}]
    out = tok.apply_chat_template(msgs, tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
    ids, mask = out["input_ids"], out["assistant_masks"]
    trained = tok.decode([i for i, m in zip(ids, mask) if m])
    # loss falls on the assistant's answer and its end-of-turn token, never on the prompt
    assert trained == "S: Smerte i nakke.<|im_end|>"
    info = json.loads((tiny_base_dir / "chirogate_tiny.json").read_text())
    first, last = info["loss_curve"][0][1], info["loss_curve"][-1][1]
    assert last < first / 2, info["loss_curve"]


def test_stripped_template_renders_the_same_text_under_plain_jinja(tiny_base_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_base_dir)
    msgs = [{"role": "system", "content": "Sys"}, {"role": "user", "content": "Hei"},
            {"role": "assistant", "content": "Hei på deg"}, {"role": "user", "content": "Mer"}]
    expected = tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)
    stripped = strip_generation_tags(CHATML_TRAINING)
    assert not has_generation_tags(stripped) and "endgeneration" not in stripped
    assert render_plain(CHATML_TRAINING, msgs, add_generation_prompt=True) == expected
    from jinja2 import Environment
    from jinja2.exceptions import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):  # why stripping is needed: plain jinja2 rejects the tag
        Environment().from_string(CHATML_TRAINING)


def test_fine_tune_lifts_held_out_rouge_above_the_base_and_invents_less(tiny_bundle):
    rouge = tiny_bundle.info["rouge"]
    assert rouge["n"] >= 20
    # The base already writes much of a note from its facts (pre-training scores exactly that);
    # the fine-tune adds the document type and the house format, at a rate that keeps the base's
    # copying (training/profiles.py), so it must both lift ROUGE-L and invent fewer facts.
    assert rouge["tuned"] > rouge["base"] + 0.1, rouge
    assert rouge["tuned"] > 0.6, rouge
    assert rouge["tuned_hallucination_rate"] < rouge["base_hallucination_rate"], rouge


def test_pretraining_scores_the_note_not_the_facts_it_is_written_from():
    """A (context, text) pair: the context is in the block but has label -100; a plain string is
    scored whole; pairs are packed whole and padding is never scored."""
    from training.data.synth import generate_records, plain_texts
    from training.tiny import _as_pair, _pack, build_tokenizer

    pairs = plain_texts(generate_records(30, 3, pii_rate=0.0, canary_rate=0.0))
    tok = build_tokenizer([c + t for c, t in pairs], 600)
    ids, labels, positions = _pack(tok, [_as_pair(x) for x in [*pairs[:4], "Pasienten har vondt i nakken."]], 384)
    scored = [int(i) for i, lab in zip(ids.flatten(), labels.flatten()) if lab != -100]
    expected = []
    for c, t in [*pairs[:4], ("", "Pasienten har vondt i nakken.")]:
        expected += tok(t, add_special_tokens=False)["input_ids"] + [tok.convert_tokens_to_ids("<|endoftext|>")]
    assert scored == expected  # exactly the notes (and the plain string), each with its end token
    facts = tok(pairs[0][0], add_special_tokens=False)["input_ids"]
    assert ids[0, :len(facts)].tolist() == facts and (labels[0, :len(facts)] == -100).all()
    assert (labels != -100).sum() < (ids != tok.convert_tokens_to_ids("<|endoftext|>")).sum()
    with pytest.raises(Exception, match="string or a \\(context, text\\) pair"):
        _as_pair(("only one",))
    # positions restart where each text begins (its facts), as a prompt's do at inference
    eos = tok.convert_tokens_to_ids("<|endoftext|>")
    n_texts = []
    for b in range(ids.shape[0]):
        n = max(i for i, lab in enumerate(labels[b].tolist()) if lab != -100) + 1  # up to the padding
        row, pos = ids[b, :n].tolist(), positions[b, :n].tolist()
        starts = [0] + [i + 1 for i, t in enumerate(row[:-1]) if t == eos]
        assert [i for i, p in enumerate(pos) if p == 0] == starts
        assert all(pos[i + 1] == pos[i] + 1 for i in range(n - 1) if i + 1 not in starts)
        n_texts.append(len(starts))
    assert sum(n_texts) == 5 and max(n_texts) >= 2  # and some block holds more than one text


def test_packed_texts_attend_only_to_themselves():
    """The pre-training forward pass over a block of two records: the second record's hidden states
    are those it gets alone (it cannot read the first record's facts), not those of plain packing;
    and the pre-training loss is the causal-LM loss transformers computes from the same labels."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from training.data.synth import generate_records, plain_texts
    from training.tiny import _hidden, _loss, _pack, build_tokenizer

    pairs = plain_texts(generate_records(30, 4, pii_rate=0.0, canary_rate=0.0))
    tok = build_tokenizer([c + t for c, t in pairs], 600)
    ids, labels, positions = _pack(tok, pairs[:6], 1024)
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=len(tok), hidden_size=64, intermediate_size=128,
                                         num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4,
                                         max_position_embeddings=1024))
    model.train()  # as in pre-training
    first = len(tok(pairs[0][0], add_special_tokens=False)["input_ids"]
                + tok(pairs[0][1], add_special_tokens=False)["input_ids"]) + 1
    second = len(tok(pairs[1][0], add_special_tokens=False)["input_ids"]
                 + tok(pairs[1][1], add_special_tokens=False)["input_ids"]) + 1
    assert positions[0, first] == 0 and first + second <= 1024
    with torch.no_grad():
        packed = _hidden(model, ids[:1], positions[:1])[0, first:first + second]
        alone = model.model(input_ids=ids[:1, first:first + second], use_cache=False).last_hidden_state[0]
        leaky = model.model(input_ids=ids[:1], use_cache=False).last_hidden_state[0, first:first + second]
        loss = _loss(model, ids[:2], labels[:2], positions[:2])
        full = model(input_ids=ids[:2], labels=labels[:2], position_ids=positions[:2], use_cache=False).loss
    assert torch.allclose(packed, alone, atol=1e-4)
    assert not torch.allclose(leaky, alone, atol=1e-4)  # plain packing would let it read the first record
    # Logits at scored positions only: the same loss as transformers' over the whole block.
    assert abs(float(loss) - float(full)) < 1e-5 and float(loss) > 1.0


@pytest.mark.parametrize("kwargs, field", [
    ({"hidden_size": 320}, "hidden_size"), ({"intermediate_size": 100}, "intermediate_size"),
    ({"num_heads": 3}, "num_heads"), ({"steps": 0}, "steps"), ({"vocab_size": 100}, "vocab_size"),
])
def test_tiny_config_rejects_bad_values(kwargs, field):
    with pytest.raises(ValueError, match=field):
        TinyConfig(**kwargs)
    with pytest.raises(ValueError, match="unknown tiny profile"):
        tiny_config("huge")


def test_build_tiny_cli_rejects_bad_input(cli, tmp_path):
    few = tmp_path / "few.txt"
    few.write_text("en\nto\ntre\n", "utf-8")
    r = cli("base", "build-tiny", "--out", tmp_path / "b", "--texts", few)
    assert_clean_error(r, "at least 10")
    assert not (tmp_path / "b").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x")
    many = tmp_path / "many.txt"
    many.write_text("\n".join(f"Pasient {i} har vondt i nakken." for i in range(50)), "utf-8")
    assert_clean_error(cli("base", "build-tiny", "--out", busy, "--texts", many), "not empty")
    assert_clean_error(cli("base", "build-tiny", "--out", tmp_path / "c", "--texts", tmp_path / "nope.txt"),
                       "does not exist")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Funn: redusert rotasjon\\n\\nS: Nakkesmerter."}\n{"txt": "x"}\n', "utf-8")
    assert_clean_error(cli("base", "build-tiny", "--out", tmp_path / "d", "--texts", bad),
                       f"{bad}:2: field 'text': expected an object with a string 'text'")
    assert not (tmp_path / "d").exists()
    bad.write_text('{"context": "Funn: redusert rotasjon\\n\\n", "text": "S: Nakkesmerter."}\n'
                   '{"context": 3, "text": "x"}\n', "utf-8")
    assert_clean_error(cli("base", "build-tiny", "--out", tmp_path / "d", "--texts", bad),
                       f"{bad}:2: field 'context': 'context' must be a string")
    assert not (tmp_path / "d").exists()


# ---- the shipped base --------------------------------------------------------------------------

def test_shipped_base_files_match_their_manifest_sha256():
    from training.tiny import SHIPPED_BASE_DIR, shipped_base, shipped_manifest, verify_base

    files = shipped_manifest()["files"]
    assert {"model.safetensors", "tokenizer.json", "config.json", "chirogate_tiny.json"} <= set(files)
    assert verify_base() == [] and shipped_base() == SHIPPED_BASE_DIR
    # every file of the directory is covered (nothing unhashed rides along)
    on_disk = {f.name for f in SHIPPED_BASE_DIR.iterdir() if f.is_file() and f.name != "MANIFEST.json"}
    assert on_disk == set(files)


def test_shipped_base_recipe_is_what_build_tiny_runs_by_default():
    """The manifest's recipe (corpus records and seed, profile, steps, shape) is what
    ``chirogate base build-tiny`` uses with its defaults, so its recorded command rebuilds it."""
    from gate.cli.train_cmd import build_tiny
    from training.profiles import TINY_CORPUS_RECORDS
    from training.tiny import SHIPPED_BASE_DIR, shipped_manifest

    m = shipped_manifest()
    recipe = m["recipe"]
    defaults = {p.name: p.default for p in build_tiny.params}
    assert recipe["profile"] == defaults["profile"]
    assert recipe["corpus_records"] == defaults["n_records"] == TINY_CORPUS_RECORDS
    assert recipe["corpus_seed"] == defaults["seed"]
    cfg = tiny_config(recipe["profile"])
    assert recipe["steps"] == cfg.steps
    info = json.loads((SHIPPED_BASE_DIR / "chirogate_tiny.json").read_text("utf-8"))
    assert info["config"] == cfg.__dict__  # the base was built with the profile's exact settings
    assert m["command"] == (f"chirogate base build-tiny --out training/tiny_base --profile {recipe['profile']} "
                            f"--n-records {recipe['corpus_records']} --seed {recipe['corpus_seed']}")


def test_a_changed_shipped_file_is_refused_by_name(tmp_path):
    import shutil

    from registry.errors import InputError
    from training.tiny import SHIPPED_BASE_DIR, shipped_base

    copy = tmp_path / "base"
    shutil.copytree(SHIPPED_BASE_DIR, copy)
    assert shipped_base(copy) == copy
    tok = copy / "tokenizer.json"
    tok.write_bytes(tok.read_bytes().replace(b'"', b"'", 1))
    with pytest.raises(InputError, match=r"tokenizer\.json: sha256 .* differs"):
        shipped_base(copy)
    tok.unlink()
    with pytest.raises(InputError, match=r"tokenizer\.json: missing"):
        shipped_base(copy)


@pytest.mark.skipif(not __import__("os").environ.get("CHIROGATE_REBUILD_BASE"),
                    reason="rebuilds the base (~11 min on 2 cores): set CHIROGATE_REBUILD_BASE=1")
def test_rebuilding_with_the_recorded_recipe_reproduces_the_base_within_bounds(tmp_path):
    """Opt-in: rebuild with the manifest's recipe. CPU pre-training is not bit-reproducible across
    processors, so the bound is on quality, not bytes: the final loss within 0.05 of the shipped one."""
    from training.data.synth import pretraining_texts
    from training.tiny import SHIPPED_BASE_DIR, build_tiny_base, shipped_manifest

    r = shipped_manifest()["recipe"]
    out = build_tiny_base(tmp_path / "b", pretraining_texts(r["corpus_records"], r["corpus_seed"]),
                          profile=r["profile"], progress=False)
    new = json.loads((out / "chirogate_tiny.json").read_text("utf-8"))
    old = json.loads((SHIPPED_BASE_DIR / "chirogate_tiny.json").read_text("utf-8"))
    assert new["config"] == old["config"]
    tail = lambda info: sum(v for _, v in info["loss_curve"][-10:]) / 10  # noqa: E731 - last 100 steps
    assert abs(tail(new) - tail(old)) < 0.05, (tail(new), tail(old))
