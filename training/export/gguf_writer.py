"""Write a Hugging Face causal LM directory (Llama, Mistral, Qwen2) as a GGUF file with the
``gguf`` library: hyper-parameters, the BPE tokenizer (tokens, types, merges, special tokens), the
chat template (stripped of ``{% generation %}`` markers) and the tensors under llama.cpp's names.

Also writes a peft LoRA adapter as a GGUF adapter (``general.type = adapter``) that llama.cpp and
Ollama apply over the base GGUF.

Llama and Mistral: llama.cpp rotates q/k with the interleaved (GPT-J) rope layout while Hugging
Face uses the half-split (NeoX) layout, so q and k rows are permuted here (and undone by
transformers when it loads a GGUF). Qwen2 uses NeoX rope in both; nothing is permuted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from registry.errors import InputError
from registry.files import atomic_path

from ..chat_template import strip_generation_tags

# model_type -> (gguf arch name, permute q/k)
ARCHS = {"llama": ("llama", True), "mistral": ("llama", True), "qwen2": ("qwen2", False)}
FLOAT_TYPES = ("f32", "f16")

# Known GPT-2-style BPE pre-tokenizer regexes -> llama.cpp's tokenizer.ggml.pre names.
_QWEN2_RE = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
_LLAMA3_RE = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"


@dataclass(frozen=True)
class ModelShape:
    """What the exporter needs from ``config.json``."""

    model_type: str
    arch: str
    permute: bool
    n_layers: int
    n_head: int
    n_head_kv: int
    hidden: int
    ffn: int
    vocab: int
    ctx: int
    rope_theta: float
    rms_eps: float
    head_dim: int


def read_shape(model_dir: Path) -> ModelShape:
    """The :class:`ModelShape` of a model directory; :class:`InputError` for unsupported ones."""
    cfg_path = model_dir / "config.json"
    try:
        cfg = json.loads(cfg_path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{cfg_path}: not found (not a Hugging Face model directory)") from None
    except json.JSONDecodeError as exc:
        raise InputError.at(cfg_path, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
    mt = cfg.get("model_type")
    if mt not in ARCHS:
        raise InputError(f"{cfg_path}: field 'model_type': unsupported architecture {mt!r} for GGUF export "
                         f"(supported: {', '.join(ARCHS)})")
    arch, permute = ARCHS[mt]
    rope = cfg.get("rope_parameters") or {}
    n_head = cfg["num_attention_heads"]
    return ModelShape(
        mt, arch, permute, cfg["num_hidden_layers"], n_head, cfg.get("num_key_value_heads") or n_head,
        cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"], cfg.get("max_position_embeddings", 2048),
        float(rope.get("rope_theta") or cfg.get("rope_theta") or 10000.0), float(cfg.get("rms_norm_eps", 1e-5)),
        cfg.get("head_dim") or cfg["hidden_size"] // n_head)


def permute_qk(w, n_head: int):
    """HF (NeoX half-split) q/k rows -> llama.cpp's interleaved rope layout."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def _load_state(model_dir: Path) -> dict:
    from safetensors.numpy import load_file

    files = sorted(model_dir.glob("*.safetensors"))
    if not files:
        raise InputError(f"{model_dir}: no *.safetensors weights to export")
    state = {}
    for f in files:
        state.update(load_file(str(f)))
    return state


def _gguf_name(tmap, name: str) -> str:
    out = tmap.get_name(name, try_suffixes=(".weight", ".bias"))
    if out is None:
        raise InputError(f"tensor '{name}' has no GGUF name for this architecture (unsupported model layout)")
    return out


def _prepare(name: str, arr, shape: ModelShape):
    if shape.permute and name.endswith("q_proj.weight"):
        return permute_qk(arr, shape.n_head)
    if shape.permute and name.endswith("k_proj.weight"):
        return permute_qk(arr, shape.n_head_kv)
    return arr


def write_gguf(model_dir: str | Path, out_path: str | Path, *, ftype: str = "f32", name: str | None = None) -> Path:
    """Write ``model_dir`` (merged HF model + tokenizer) as one GGUF file in ``ftype`` (f32 or f16).

    The file appears only when complete (written beside it, then renamed).
    """
    import gguf
    import numpy as np

    if ftype not in FLOAT_TYPES:
        raise InputError(f"GGUF writer: unsupported file type {ftype!r} (f32 or f16; quantize afterwards)")
    model_dir, out_path = Path(model_dir), Path(out_path)
    shape = read_shape(model_dir)
    state = _load_state(model_dir)
    tmap = gguf.get_tensor_name_map(_arch_enum(shape.arch), shape.n_layers)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out_path) as tmp:
        w = gguf.GGUFWriter(str(tmp), shape.arch)
        w.add_type(gguf.GGUFType.MODEL)
        w.add_name(name or model_dir.name)
        w.add_context_length(shape.ctx)
        w.add_embedding_length(shape.hidden)
        w.add_block_count(shape.n_layers)
        w.add_feed_forward_length(shape.ffn)
        w.add_head_count(shape.n_head)
        w.add_head_count_kv(shape.n_head_kv)
        w.add_rope_freq_base(shape.rope_theta)
        w.add_layer_norm_rms_eps(shape.rms_eps)
        w.add_rope_dimension_count(shape.head_dim)
        w.add_vocab_size(shape.vocab)
        w.add_file_type(gguf.LlamaFileType.ALL_F32 if ftype == "f32" else gguf.LlamaFileType.MOSTLY_F16)
        add_tokenizer(w, model_dir, shape)
        for hf_name in sorted(state):
            arr = _prepare(hf_name, state[hf_name], shape)
            if arr.dtype not in (np.float32, np.float16):
                arr = arr.astype(np.float32)
            # 1-D tensors (norms, biases) stay f32, as llama.cpp's converter does
            arr = arr.astype(np.float16 if ftype == "f16" and arr.ndim > 1 else np.float32)
            w.add_tensor(_gguf_name(tmap, hf_name), np.ascontiguousarray(arr))
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()
    return out_path


def add_tokenizer(w, model_dir: Path, shape: ModelShape) -> None:
    """Tokens, token types, merges, special tokens and the plain chat template of a BPE tokenizer."""
    import gguf
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    tj_path = model_dir / "tokenizer.json"
    if not tj_path.is_file():
        raise InputError(f"{tj_path}: missing (GGUF export supports byte-level BPE tokenizers with a tokenizer.json)")
    tj = json.loads(tj_path.read_text("utf-8"))
    if (tj.get("model") or {}).get("type") != "BPE" or (tj.get("model") or {}).get("byte_fallback"):
        raise InputError(f"{tj_path}: field 'model.type': only byte-level BPE tokenizers can be exported "
                         "(sentencepiece-style vocabularies: use llama.cpp's own converter)")
    if len(tok) > shape.vocab:
        raise InputError(f"{model_dir}: tokenizer does not match the model: {len(tok)} tokens but vocab_size "
                         f"is {shape.vocab} (config.json: field 'vocab_size')")
    vocab = tok.get_vocab()
    by_id = {i: t for t, i in vocab.items()}
    special = set(tok.all_special_tokens) | {t.content for t in tok.added_tokens_decoder.values() if t.special}
    added = {t.content for t in tok.added_tokens_decoder.values()}
    tokens, types = [], []
    for i in range(shape.vocab):
        t = by_id.get(i)
        if t is None:
            tokens.append(f"[PAD{i}]")
            types.append(gguf.TokenType.UNUSED)
        else:
            tokens.append(t)
            types.append(gguf.TokenType.CONTROL if t in special else
                         gguf.TokenType.USER_DEFINED if t in added else gguf.TokenType.NORMAL)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre(bpe_pre_name(tj, tj_path))
    w.add_token_list(tokens)
    w.add_token_types(types)
    sv = gguf.SpecialVocab(model_dir, load_merges=True, n_vocab=shape.vocab)
    if not sv.merges:
        raise InputError(f"{tj_path}: field 'model.merges': no BPE merges found")
    template = tok.chat_template
    if not template:
        raise InputError(f"{model_dir}: the tokenizer has no chat template (tokenizer_config.json: field "
                         "'chat_template')")
    sv.chat_template = strip_generation_tags(template)
    sv.add_special_token = {"bos": bool(getattr(tok, "add_bos_token", False)), "eos": False}
    sv.special_token_ids["eos"] = tok.eos_token_id
    if tok.pad_token_id is not None:
        sv.special_token_ids["pad"] = tok.pad_token_id
    sv.add_to_gguf(w, quiet=True)


def bpe_pre_name(tj: dict, where: Path) -> str:
    """llama.cpp's ``tokenizer.ggml.pre`` for a tokenizer.json's pre-tokenizer; refuses unknown ones
    (llama.cpp would split text differently from the tokenizer the model was trained with)."""
    pre = tj.get("pre_tokenizer") or {}
    kinds = [pre] if pre.get("type") != "Sequence" else pre.get("pretokenizers", [])
    if len(kinds) == 1 and kinds[0].get("type") == "ByteLevel" and kinds[0].get("use_regex", True) \
            and not kinds[0].get("add_prefix_space", False):
        return "gpt-2"
    splits = [k for k in kinds if k.get("type") == "Split"]
    if splits:
        regex = (splits[0].get("pattern") or {}).get("Regex")
        if regex == _QWEN2_RE:
            return "qwen2"
        if regex == _LLAMA3_RE:
            return "llama-bpe"
    raise InputError(f"{where}: field 'pre_tokenizer': a BPE pre-tokenizer llama.cpp does not know; export with "
                     "llama.cpp's converter from a checkout that knows this tokenizer")


def write_adapter_gguf(adapter_dir: str | Path, base_dir: str | Path, out_path: str | Path) -> Path:
    """Write a peft LoRA adapter as a llama.cpp GGUF adapter (``ADAPTER`` in an Ollama Modelfile).

    ``A`` is ``[r, in]`` and ``B`` is ``[out, r]``; for Llama/Mistral the q/k permutation acts on
    output rows, so only ``B`` of q and k is permuted. ``adapter.lora.alpha`` carries peft's alpha
    (llama.cpp scales by alpha / r, as peft does).
    """
    import gguf
    import numpy as np
    from safetensors.numpy import load_file

    adapter_dir, out_path = Path(adapter_dir), Path(out_path)
    acfg_path = adapter_dir / "adapter_config.json"
    try:
        acfg = json.loads(acfg_path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{acfg_path}: not found (not a peft adapter directory)") from None
    if acfg.get("peft_type") != "LORA" or acfg.get("use_rslora") or acfg.get("use_dora"):
        raise InputError(f"{acfg_path}: field 'peft_type': only plain LoRA adapters can be written as GGUF")
    shape = read_shape(Path(base_dir))
    state = load_file(str(adapter_dir / "adapter_model.safetensors"))
    tmap = gguf.get_tensor_name_map(_arch_enum(shape.arch), shape.n_layers)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out_path) as tmp:
        w = gguf.GGUFWriter(str(tmp), shape.arch)
        w.add_type(gguf.GGUFType.ADAPTER)
        w.add_string(gguf.Keys.Adapter.TYPE, "lora")
        w.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(acfg["lora_alpha"]))
        for key in sorted(state):
            if ".lora_A." not in key and ".lora_B." not in key:
                raise InputError(f"{adapter_dir}: tensor '{key}' is not a LoRA A/B matrix (modules_to_save are "
                                 "not supported in a GGUF adapter)")
            which = "lora_a" if ".lora_A." in key else "lora_b"
            hf = key.replace("base_model.model.", "", 1).replace(".lora_A.weight", ".weight") \
                .replace(".lora_B.weight", ".weight")
            arr = state[key].astype(np.float32)
            if which == "lora_b":
                arr = _prepare(hf, arr, shape)
            w.add_tensor(f"{_gguf_name(tmap, hf)}.{which}", np.ascontiguousarray(arr))
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()
    return out_path


def _arch_enum(arch: str):
    import gguf

    return next(k for k, v in gguf.MODEL_ARCH_NAMES.items() if v == arch)
