"""Create a model on an Ollama server with the official client (0.6): upload the GGUF (and the
GGUF adapter) as blobs, then ``create(model, files=, adapters=, template=, system=, parameters=)``.
There is no ``modelfile=`` argument any more; the Modelfile on disk is for people and ``ollama
create -f``."""

from __future__ import annotations

from pathlib import Path

from registry.errors import ChirogateError


class OllamaCreateError(ChirogateError):
    """The Ollama server could not be reached or refused to create the model."""


def create_model(name: str, model_file: str | Path, *, adapter_file: str | Path | None = None,
                 template: str, system: str | None, parameters: dict, host: str | None = None,
                 timeout: float = 600.0) -> str:
    """Upload the blobs and create ``name`` on the server at ``host`` (default ``$OLLAMA_HOST``)."""
    import httpx
    import ollama

    client = ollama.Client(host=host, timeout=timeout)
    where = host or "the Ollama server ($OLLAMA_HOST)"
    try:
        files = {Path(model_file).name: client.create_blob(model_file)}
        adapters = {Path(adapter_file).name: client.create_blob(adapter_file)} if adapter_file else None
        resp = client.create(model=name, files=files, adapters=adapters, template=template, system=system,
                             parameters=parameters, stream=False)
    except (httpx.HTTPError, ConnectionError) as exc:
        raise OllamaCreateError(f"cannot reach {where} to create '{name}': {exc}") from None
    except ollama.ResponseError as exc:
        raise OllamaCreateError(f"{where} refused to create '{name}': {exc.error}") from None
    status = getattr(resp, "status", None)
    if status not in (None, "success"):
        raise OllamaCreateError(f"{where} did not finish creating '{name}' (status {status!r})")
    return name
