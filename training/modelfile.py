"""Ollama Modelfiles: FROM (and ADAPTER), a TEMPLATE in Go template syntax that matches the
model's chat template, SYSTEM, stop parameters, temperature and num_ctx."""

from __future__ import annotations

from registry.errors import InputError

from .chat_template import template_family

# Go templates (Ollama) equivalent to the jinja chat templates the models were trained with.
GO_TEMPLATES = {
    "chatml": (
        "{{- range .Messages }}<|im_start|>{{ .Role }}\n"
        "{{ .Content }}<|im_end|>\n"
        "{{ end }}<|im_start|>assistant\n"
    ),
    "mistral": (
        "{{- range $index, $_ := .Messages }}\n"
        "{{- if eq .Role \"user\" }}[INST] {{ if and $.System (eq (len (slice $.Messages $index)) 1) }}"
        "{{ $.System }}\n\n{{ end }}{{ .Content }}[/INST]\n"
        "{{- else if eq .Role \"assistant\" }} {{ .Content }}</s>\n"
        "{{- end }}\n"
        "{{- end }}"
    ),
}
STOPS = {"chatml": ["<|im_start|>", "<|im_end|>"], "mistral": ["[INST]", "[/INST]", "</s>"]}


def go_template_for(chat_template: str | None) -> tuple[str, list[str]]:
    """``(TEMPLATE, stop tokens)`` for a jinja chat template (ChatML or Mistral [INST])."""
    fam = template_family(chat_template)
    if fam not in GO_TEMPLATES:
        raise InputError("the model's chat template is neither ChatML nor Mistral [INST]; no Ollama TEMPLATE "
                         "is known for it (tokenizer_config.json: field 'chat_template')")
    return GO_TEMPLATES[fam], list(STOPS[fam])


def render_modelfile(*, from_: str, chat_template: str | None, adapter: str | None = None,
                     system: str | None = None, temperature: float = 0.2, num_ctx: int = 4096,
                     extra_stops: list[str] | None = None) -> str:
    """The text of an Ollama Modelfile.

    ``from_`` is a GGUF path (``./model.gguf``) or an Ollama model name; ``adapter`` a GGUF LoRA
    adapter path. The TEMPLATE is chosen from ``chat_template`` (ChatML or [INST]).
    """
    template, stops = go_template_for(chat_template)
    for name, value in (("SYSTEM", system), ("TEMPLATE", template)):
        if value is not None and '"""' in value:
            raise InputError(f'Modelfile {name}: the text contains """, which a Modelfile cannot quote')
    if num_ctx <= 0:
        raise InputError(f"Modelfile num_ctx: must be > 0, got {num_ctx}")
    lines = [f"FROM {from_}"]
    if adapter:
        lines.append(f"ADAPTER {adapter}")
    lines.append(f'TEMPLATE """{template}"""')
    if system:
        lines.append(f'SYSTEM """{system}"""')
    for s in stops + list(extra_stops or []):
        lines.append(f'PARAMETER stop "{s}"')
    lines.append(f"PARAMETER temperature {temperature:g}")
    lines.append(f"PARAMETER num_ctx {int(num_ctx)}")
    return "\n".join(lines) + "\n"


def modelfile_parameters(chat_template: str | None, *, temperature: float, num_ctx: int) -> dict:
    """The Modelfile's PARAMETER lines as the ``parameters`` mapping of the Ollama create API."""
    _, stops = go_template_for(chat_template)
    return {"stop": stops, "temperature": temperature, "num_ctx": int(num_ctx)}
