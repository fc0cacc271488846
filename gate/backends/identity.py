"""What an OpenAI-compatible server says about its weights, judged against the registered GGUF.

An evaluation is bound to exact bytes (the GGUF sha256), but a server only names a model.
:func:`check_server` collects every name the server gives for what it serves — the model
ids and ``root`` of ``/v1/models``, and llama.cpp ``llama-server``'s ``/props``
``model_path`` — and looks in them for a 64-hex sha256:

* the registered sha256 is named (the server was started on the registry's own artifact
  file, whose name is its sha256, or with ``--alias``/``--served-model-name sha256-<hex>``):
  ``proof = "sha256-in-name"``;
* another sha256 is named: the server serves other weights, refused;
* no sha256 at all: nothing proves or contradicts the bytes; ``identity = "strict"``
  (the default) refuses, ``identity = "asserted"`` goes on and records that the bytes were
  asserted by the operator, not shown by the server.

A server serving several models must be told which one (``[backends.openai] model``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gate.errors import BackendError, InputError

_HEX = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")
IDENTITY_MODES = ("strict", "asserted")


class ServesOtherWeights(BackendError):
    """The server names weights other than the registered GGUF (or cannot name them, in strict mode)."""


@dataclass(frozen=True)
class IdentityEvidence:
    """The server's account of its weights and chirogate's judgement of it."""

    endpoint: str
    served_model: str
    """The model id requests are sent with."""
    proof: str
    """``sha256-in-name`` (the server names the registered sha256) or ``asserted`` (nothing to check)."""
    reported: list[str] = field(default_factory=list)
    """The names the server gave: model ids, roots, llama-server's model_path."""
    server_facts: dict[str, Any] = field(default_factory=dict)
    """Other facts the server volunteered (llama-server's /v1/models meta: n_params, size, ...)."""

    def to_dict(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "served_model": self.served_model, "proof": self.proof,
                "reported": list(self.reported), "server_facts": dict(self.server_facts)}


def _props(backend) -> dict[str, Any]:
    """llama-server's ``/props`` (at the server root, beside ``/v1``), or {} where the server has none."""
    import httpx

    root = backend.base_url[:-3] if backend.base_url.endswith("/v1") else backend.base_url
    headers = {"Authorization": f"Bearer {backend.client.api_key}"}
    try:
        r = httpx.get(f"{root}/props", headers=headers, timeout=min(backend.timeout_s or 10.0, 10.0))
    except httpx.HTTPError:
        return {}
    if r.status_code != 200:
        return {}
    try:
        data = r.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def check_server(backend) -> IdentityEvidence:
    """Judge what the server at ``backend.base_url`` serves against ``backend.gguf_sha256``.

    Returns the evidence (with the model id to request) or raises :class:`ServesOtherWeights`
    (another sha256 named; or none named while ``backend.identity == "strict"``) and
    :class:`gate.errors.InputError` (the configured model id is not served, or several are
    served and none was configured). Connection failures propagate for the backend to translate.
    """
    if backend.identity not in IDENTITY_MODES:
        raise InputError(f"[backends.openai] field 'identity': expected one of {', '.join(IDENTITY_MODES)}, "
                         f"got {backend.identity!r}")
    listed = list(backend.client.models.list())
    ids = [m.id for m in listed]
    wanted = backend.served_model
    if wanted:
        chosen = [m for m in listed if m.id == wanted]
        if not chosen:
            raise InputError(f"[backends.openai] field 'model': the server at {backend.base_url} does not serve "
                             f"'{wanted}' (it serves: {', '.join(ids) or 'nothing'})")
    elif len(listed) == 1:
        chosen = listed
    else:
        raise InputError(f"[backends.openai] field 'model': the server at {backend.base_url} serves "
                         f"{len(listed)} models ({', '.join(ids) or 'none'}); name the one to gate")
    model = chosen[0]
    extra = dict(model.model_extra or {})
    reported = [model.id] + [str(extra[k]) for k in ("root", "parent") if extra.get(k)]
    facts: dict[str, Any] = {}
    if isinstance(extra.get("meta"), dict):
        facts.update(extra["meta"])
    props = _props(backend)
    if props.get("model_path"):
        reported.append(str(props["model_path"]))
    want = backend.gguf_sha256.removeprefix("sha256:")
    named = {h for r in reported for h in _HEX.findall(r.lower())}
    where = f"the server at {backend.base_url}"
    if named and want in named:
        proof = "sha256-in-name"
    elif named:
        other = sorted(named)[0]
        raise ServesOtherWeights(f"{where} serves other weights than '{backend.model_name}': it names "
                                 f"sha256:{other[:12]}…, the registered GGUF is sha256:{want[:12]}…")
    elif backend.identity == "strict":
        raise ServesOtherWeights(
            f"{where} does not say which weights it serves ('{model.id}' names no sha256), so it cannot be bound to "
            f"'{backend.model_name}' (sha256:{want[:12]}…): start it on the registry's artifact file "
            "(`chirogate registry path NAME`) or with the served model name sha256-<hex>, or set "
            "[backends.openai] identity = \"asserted\"")
    else:
        proof = "asserted"
    return IdentityEvidence(backend.base_url, model.id, proof, reported, facts)
