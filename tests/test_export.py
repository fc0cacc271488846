"""GGUF export: round trips against the torch model, quantization, the GGUF adapter, the Modelfile,
registration with lineage, Ollama create, and bad input (nothing registered)."""

from __future__ import annotations

import json
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import assert_clean_error
from ollama_fixture import fake_ollama  # noqa: F401  (the fake server speaking Ollama's wire protocol)

from registry import Registry
from training.export.gguf_writer import write_gguf
from training.merge import merge_adapter
from training.quantize import check_quantizable

N_PROMPTS = 4


@pytest.fixture(scope="module")
def merged_dir(tmp_path_factory, tiny_base_dir, tiny_adapter_dir):
    return merge_adapter(tiny_base_dir, tiny_adapter_dir, tmp_path_factory.mktemp("merged") / "m")


def _prompts(dataset_dir: Path, n: int = N_PROMPTS) -> list[list[dict]]:
    rows = [json.loads(x) for x in (dataset_dir / "test.jsonl").read_text("utf-8").splitlines() if x.strip()]
    return [[m for m in r["messages"] if m["role"] != "assistant"] for r in rows[:n]]


def _torch(model_dir):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return (AutoModelForCausalLM.from_pretrained(str(model_dir), dtype=torch.float32).eval(),
            AutoTokenizer.from_pretrained(str(model_dir)))


def _ids(tok, msgs):
    return tok(tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True),
               return_tensors="pt", add_special_tokens=False).input_ids


def test_f32_gguf_reloaded_by_transformers_gives_bit_identical_logits(merged_dir, tiny_gguf_files, tiny_dataset_dir):
    import torch
    from transformers import AutoModelForCausalLM

    model, tok = _torch(merged_dir)
    f32 = tiny_gguf_files["f32"]
    back = AutoModelForCausalLM.from_pretrained(str(f32.parent), gguf_file=f32.name, dtype=torch.float32).eval()
    f16 = tiny_gguf_files["f16"]
    half = AutoModelForCausalLM.from_pretrained(str(f16.parent), gguf_file=f16.name, dtype=torch.float32).eval()
    q8 = tiny_gguf_files["q8_0"]
    q8m = AutoModelForCausalLM.from_pretrained(str(q8.parent), gguf_file=q8.name, dtype=torch.float32).eval()
    for msgs in _prompts(tiny_dataset_dir):
        ids = _ids(tok, msgs)
        with torch.no_grad():
            ref, got = model(ids).logits, back(ids).logits
            d16 = (half(ids).logits - ref).abs().max().item()
            d8 = (q8m(ids).logits - ref).abs().max().item()
        assert torch.equal(ref, got)
        # stated tolerances (max |logit difference|; logits here span about +-20): f16 <= 0.05, q8_0 <= 0.5
        assert d16 <= 0.05, d16
        assert d8 <= 0.5, d8
        assert d16 < d8


def _llama(path, lora=None):
    from llama_cpp import Llama

    return Llama(str(path), n_ctx=512, n_threads=2, seed=0, verbose=False, **({"lora_path": str(lora)} if lora else {}))


def _greedy_llama(llm, tok, msgs, n=80) -> str:
    prompt = tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)
    assert llm.tokenize(prompt.encode(), add_bos=False, special=True) == _ids(tok, msgs)[0].tolist()
    out = llm.create_completion(prompt, max_tokens=n, temperature=0.0, top_k=1, seed=0)
    return out["choices"][0]["text"]


def test_llama_cpp_greedy_matches_torch_and_gguf_adapter_matches_merged(merged_dir, tiny_gguf_files, tiny_dataset_dir,
                                                                         tiny_base_dir, tmp_path):
    model, tok = _torch(merged_dir)
    base_f32 = write_gguf(tiny_base_dir, tmp_path / "base-f32.gguf", ftype="f32")
    from gate.scorers.rouge import rouge_scores

    engines = {"f32": _llama(tiny_gguf_files["f32"]), "adapter": _llama(base_f32, tiny_gguf_files["adapter"])}
    q8 = _llama(tiny_gguf_files["q8_0"])
    for msgs in _prompts(tiny_dataset_dir):
        ids = _ids(tok, msgs)
        out = model.generate(ids, max_new_tokens=80, do_sample=False)
        expected = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
        assert len(expected) > 20
        for label, llm in engines.items():  # same weights in float32: the same greedy text, token for token
            assert _greedy_llama(llm, tok, msgs) == expected, label
        # q8_0 rounds the weights: a near tie may flip a token, so close, not identical
        assert rouge_scores(expected, _greedy_llama(q8, tok, msgs))["rougeL"] >= 0.8
    engines["q8_0"] = q8
    for llm in engines.values():
        llm.close()


def test_q4_k_m_is_really_k_quantized_and_still_answers(tiny_gguf_files, tiny_dataset_dir, merged_dir):
    import gguf

    r = gguf.GGUFReader(str(tiny_gguf_files["q4_k_m"]))
    types = {t.name: t.tensor_type.name for t in r.tensors}
    assert types["blk.0.attn_q.weight"] == "Q4_K" and types["blk.0.ffn_down.weight"] in ("Q4_K", "Q6_K")
    assert all(v in ("Q4_K", "Q6_K", "F32") for v in types.values()), types
    q8 = {t.tensor_type.name for t in gguf.GGUFReader(str(tiny_gguf_files["q8_0"])).tensors}
    assert q8 == {"Q8_0", "F32"}
    _, tok = _torch(merged_dir)
    llm = _llama(tiny_gguf_files["q4_k_m"])
    text = _greedy_llama(llm, tok, _prompts(tiny_dataset_dir, 1)[0])
    llm.close()
    assert len(text.split()) >= 5
    meta = {f.name: f for f in r.fields.values()}
    template = bytes(meta["tokenizer.chat_template"].parts[-1]).decode()
    assert "<|im_start|>" in template and "endgeneration" not in template and "{%- generation" not in template
    assert bytes(meta["tokenizer.ggml.pre"].parts[-1]).decode() == "gpt-2"


def test_export_cli_registers_everything_with_lineage(cli, tmp_path, tiny_base_dir, tiny_adapter_dir):
    # a candidate trained in this registry, so lineage reaches the run and the dataset
    from test_train import FAST, _prepare_dataset

    fp = _prepare_dataset(cli, tmp_path, n=30, seed=5)
    assert cli("train", "--base", tiny_base_dir, "--dataset", fp, "--name", "chiro-no-v2", *FAST).code == 0
    r = cli("export", "chiro-no-v2", "--quantize", "q4_k_m", "--quantize", "f16", "--adapter-gguf",
            "--out", tmp_path / "out", "--no-progress", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["Modelfile", "Modelfile.adapter", "adapter.gguf", "base-q4_k_m.gguf", "chiro-no-v2-f16.gguf",
                     "chiro-no-v2-q4_k_m.gguf", "merged"]
    with Registry() as reg:
        run_id = reg.latest_artifact("chiro-no-v2", "adapter").meta["training_run"]
        adapter_sha = reg.latest_artifact("chiro-no-v2", "adapter").sha256
        for q in ("q4_k_m", "f16"):
            a = reg.latest_artifact("chiro-no-v2", "gguf", q)
            assert a.sha256 == out["sha256"][f"chiro-no-v2-{q}.gguf"]
            assert a.meta["dataset"] == fp and a.meta["training_run"] == run_id
            assert a.meta["base_model"] == str(tiny_base_dir) and a.meta["adapter_sha256"] == adapter_sha
            assert a.meta["merged_sha256"] == reg.latest_artifact("chiro-no-v2", "merged").sha256
        ga = reg.latest_artifact("chiro-no-v2", "gguf-adapter")
        assert ga.meta["adapter_sha256"] == adapter_sha
        base_gguf = [a for a in reg.artifacts(kind="gguf") if a.model_id is None]
        assert len(base_gguf) == 1 and base_gguf[0].meta["for_model"] == "chiro-no-v2"
        mfs = {a.filename: a for a in reg.artifacts("chiro-no-v2", "modelfile")}
        assert mfs["Modelfile.adapter"].meta["adapter"] == ga.sha256
        assert not reg.verify()
        assert "model.export" in [e.action for e in reg.history("chiro-no-v2")]
    mf = (tmp_path / "out" / "Modelfile").read_text()
    assert mf.startswith("FROM ./chiro-no-v2-q4_k_m.gguf\n")
    assert 'PARAMETER stop "<|im_end|>"' in mf and "PARAMETER num_ctx 512" in mf and "PARAMETER temperature" in mf
    assert "<|im_start|>{{ .Role }}" in mf and 'SYSTEM """' in mf
    amf = (tmp_path / "out" / "Modelfile.adapter").read_text()
    assert amf.startswith("FROM ./base-q4_k_m.gguf\nADAPTER ./adapter.gguf\n")


def test_ollama_create_uploads_blobs_and_creates_the_model(tiny_registered, fake_ollama, tmp_path):
    import ollama

    from training.export import export_model

    reg = tiny_registered.reg
    res = export_model(reg, "tiny-cand", quantize="q8_0", adapter_gguf=True, ollama_create=True,
                       out_dir=tmp_path / "o", ollama_host=fake_ollama.url, progress=False)
    assert res.ollama_name == "tiny-cand" and reg.get_model("tiny-cand").ollama_name == "tiny-cand"
    client = ollama.Client(host=fake_ollama.url)
    assert "tiny-cand" in [m.model.split(":")[0] for m in client.list().models]
    show = client.show("tiny-cand")
    assert "<|im_start|>" in (show.template or "")
    answer = client.chat("tiny-cand", messages=[{"role": "user", "content": "Skriv SOAP-notat: nakkesmerter."}],
                         options={"temperature": 0, "num_predict": 30})
    assert answer.message.content.strip()


def _register_candidate(reg, name, base_dir, adapter_dir):
    reg.register_model(name, family="t", kind="candidate", base_model=str(base_dir), artifacts=[("adapter", adapter_dir)])


def _odd_base(tmp_path, tiny_base_dir, **changes) -> Path:
    """A real (random) Llama with different sizes, sharing the tiny tokenizer."""
    from transformers import AutoConfig, AutoTokenizer, LlamaForCausalLM

    cfg = AutoConfig.from_pretrained(tiny_base_dir)
    for k, v in changes.items():
        setattr(cfg, k, v)
    d = tmp_path / "odd"
    LlamaForCausalLM(cfg).save_pretrained(d)
    AutoTokenizer.from_pretrained(tiny_base_dir).save_pretrained(d)
    return d


def test_bad_export_input_is_refused_and_registers_nothing(cli, tmp_path, tiny_base_dir, tiny_adapter_dir):
    odd = _odd_base(tmp_path, tiny_base_dir, hidden_size=320, intermediate_size=640, head_dim=80)
    with Registry() as reg:
        _register_candidate(reg, "odd-v1", odd, tiny_adapter_dir)
        _register_candidate(reg, "gone-v1", tmp_path / "missing-base", tiny_adapter_dir)
        reg.register_model("plain", family="t", kind="baseline", base_model=str(tiny_base_dir))
        before = len(reg.artifacts())
    assert_clean_error(cli("export", "odd-v1", "--quantize", "q4_k_m"), "q4_k_m", "multiple of 256", "320")
    assert_clean_error(cli("export", "odd-v1", "--quantize", "q3_xx"), "unsupported quantization 'q3_xx'")
    assert_clean_error(cli("export", "gone-v1", "--quantize", "q8_0"), "missing-base")
    assert_clean_error(cli("export", "plain", "--quantize", "q8_0"), "baseline")
    assert_clean_error(cli("export", "nobody", "--quantize", "q8_0"), "unknown model 'nobody'")
    gpt = tmp_path / "gpt"
    shutil.copytree(tiny_base_dir, gpt)
    cfg = json.loads((gpt / "config.json").read_text())
    cfg["model_type"] = "gpt2"
    (gpt / "config.json").write_text(json.dumps(cfg))
    with Registry() as reg:
        _register_candidate(reg, "gpt-v1", gpt, tiny_adapter_dir)
        before += 1
    assert_clean_error(cli("export", "gpt-v1", "--quantize", "q8_0"), "unsupported architecture 'gpt2'")
    with Registry() as reg:
        assert len(reg.artifacts()) == before
    with pytest.raises(Exception, match="multiple of 32"):
        check_quantizable({"x": 48}, "q8_0")


def _export_args(out):
    return [sys.executable, "-m", "gate", "export", "tiny-cand", "--quantize", "q8_0", "--out", str(out),
            "--no-progress"]


def _limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write then fails with EFBIG, like a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))


def test_failed_writes_leave_nothing_half_written_or_registered(tiny_registered, tmp_path):
    reg = tiny_registered.reg
    before = len(reg.artifacts())
    out = tmp_path / "full"
    # a disk that fills up mid-export: every file is capped at 2 MB, the merged model is bigger
    p = subprocess.run(_export_args(out), capture_output=True, text=True, preexec_fn=_limit_file_size)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith("error:") and "nothing was registered" in p.stderr and "Traceback" not in p.stderr
    assert list(out.iterdir()) == []  # the staging directory is gone, nothing half-written
    locked = tmp_path / "locked"
    locked.mkdir()
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (needs root and an ext4-like file system)")
    try:
        p = subprocess.run(_export_args(locked), capture_output=True, text=True)
        assert p.returncode == 2 and "cannot write the export" in p.stderr and "Traceback" not in p.stderr
    finally:
        subprocess.run(["chattr", "-i", str(locked)])
    assert len(Registry().artifacts()) == before


@pytest.mark.parametrize("arch", ["qwen2", "mistral"])
def test_writer_round_trips_qwen2_and_mistral(arch, tmp_path, tiny_base_dir):
    """Random small Qwen2 (q/k/v biases, NeoX rope) and Mistral (GQA, permuted q/k) models: f32 GGUF
    reloaded by transformers gives identical logits, and llama.cpp's logits agree with torch's."""
    import torch
    from transformers import AutoTokenizer, MistralConfig, MistralForCausalLM, Qwen2Config, Qwen2ForCausalLM

    tok = AutoTokenizer.from_pretrained(tiny_base_dir)
    common = dict(vocab_size=len(tok), hidden_size=256, intermediate_size=512, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                  tie_word_embeddings=False)
    torch.manual_seed(0)
    model = (Qwen2ForCausalLM(Qwen2Config(**common)) if arch == "qwen2"
             else MistralForCausalLM(MistralConfig(**common, sliding_window=None))).eval()
    if arch == "qwen2":
        with torch.no_grad():  # biases start at zero; make them matter
            for layer in model.model.layers:
                layer.self_attn.q_proj.bias.normal_(0, 0.5)
                layer.self_attn.k_proj.bias.normal_(0, 0.5)
    d = tmp_path / f"m-{arch[:3]}"  # transformers' GGUF loader guesses "mistral" from general.name
    model.save_pretrained(d)
    tok.save_pretrained(d)
    path = write_gguf(d, tmp_path / f"m-{arch[:3]}.gguf", ftype="f32")
    from transformers import AutoModelForCausalLM

    back = AutoModelForCausalLM.from_pretrained(str(tmp_path), gguf_file=path.name, dtype=torch.float32).eval()
    ids = tok("S: Pasienten har vondt i nakken og skulderen.", return_tensors="pt").input_ids
    with torch.no_grad():
        ref = model(ids).logits
        assert torch.equal(ref, back(ids).logits)
    from llama_cpp import Llama

    llm = Llama(str(path), n_ctx=256, n_threads=2, logits_all=True, verbose=False)
    llm.eval(ids[0].tolist())
    got = np.array(llm.scores[: ids.shape[1]])
    llm.close()
    assert np.abs(got - ref[0].numpy()).max() < 1e-2


def test_modelfile_templates_and_quoting():
    from registry.errors import InputError
    from training.chat_template import CHATML_TRAINING
    from training.modelfile import render_modelfile

    mistral = "{{ bos_token }}{% for m in messages %}{% if m['role'] == 'user' %}[INST] {{ m['content'] }} [/INST]" \
              "{% else %}{{ m['content'] }}{{ eos_token }}{% endif %}{% endfor %}"
    text = render_modelfile(from_="mistral:7b", adapter="./adapter.gguf", chat_template=mistral,
                            system="Du er en kiropraktor-assistent.", temperature=0.1, num_ctx=4096)
    lines = text.splitlines()
    assert lines[:2] == ["FROM mistral:7b", "ADAPTER ./adapter.gguf"]
    assert "[INST]" in text and 'PARAMETER stop "[/INST]"' in text and "PARAMETER temperature 0.1" in text
    assert 'SYSTEM """Du er en kiropraktor-assistent."""' in text and "PARAMETER num_ctx 4096" in text
    chatml = render_modelfile(from_="./m.gguf", chat_template=CHATML_TRAINING)
    assert "ADAPTER" not in chatml and "SYSTEM" not in chatml and 'PARAMETER stop "<|im_end|>"' in chatml
    with pytest.raises(InputError, match='"""'):
        render_modelfile(from_="./m.gguf", chat_template=CHATML_TRAINING, system='say """hi"""')
    with pytest.raises(InputError, match="neither ChatML nor Mistral"):
        render_modelfile(from_="./m.gguf", chat_template="{{ messages }}")


def test_llama_cpp_converter_must_be_a_checkout(cli, tiny_registered, tmp_path):
    r = cli("export", "tiny-cand", "--quantize", "q8_0", "--llama-cpp", tmp_path)
    assert_clean_error(r, str(tmp_path), "not a llama.cpp checkout")
    assert not tiny_registered.reg.artifacts("tiny-cand", "merged")
