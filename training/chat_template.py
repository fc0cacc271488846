"""Chat templates: the ChatML template (with ``{% generation %}`` markers for training) and the
helpers that check and strip those markers before export.

trl's ``assistant_only_loss`` needs the assistant turns wrapped in ``{% generation %}`` ...
``{% endgeneration %}`` (a transformers extension of jinja2). Plain jinja2, llama.cpp's template
engine and Ollama's Go templates reject those tags, so every exported template goes through
:func:`strip_generation_tags` first.
"""

from __future__ import annotations

import re

IM_START = "<|im_start|>"
IM_END = "<|im_end|>"
EOS = "<|endoftext|>"

# ChatML with the end-of-turn token inside the generation block, so the model learns to stop.
CHATML_TRAINING = (
    "{%- for message in messages %}"
    "{%- if message['role'] == 'assistant' %}"
    "{{- '<|im_start|>assistant\\n' }}"
    "{%- generation %}"
    "{{- message['content'] + '<|im_end|>' }}"
    "{%- endgeneration %}"
    "{{- '\\n' }}"
    "{%- else %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endif %}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)

_GEN_TAG = re.compile(r"\{%-?\s*(end)?generation\s*-?%\}")


def has_generation_tags(template: str | None) -> bool:
    """True if ``template`` contains ``{% generation %}`` / ``{% endgeneration %}`` markers."""
    return bool(template) and bool(_GEN_TAG.search(template))


def strip_generation_tags(template: str) -> str:
    """The template without its generation markers (renders the same text under plain jinja2)."""
    return _GEN_TAG.sub("", template)


def template_family(template: str | None) -> str:
    """``chatml``, ``mistral`` ([INST]) or ``unknown``: which Modelfile TEMPLATE matches."""
    if not template:
        return "unknown"
    if IM_START in template:
        return "chatml"
    if "[INST]" in template:
        return "mistral"
    return "unknown"


def render_plain(template: str, messages: list[dict], *, add_generation_prompt: bool = False,
                 bos_token: str = "", eos_token: str = "") -> str:
    """Render ``template`` with plain jinja2 (as an exporter or server would), after stripping markers."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(strip_generation_tags(template)).render(
        messages=messages, add_generation_prompt=add_generation_prompt, bos_token=bos_token, eos_token=eos_token)
