"""Export: merged model -> GGUF (+ GGUF LoRA adapter), quantization, Modelfile, Ollama create."""

from .errors import ExportError
from .pipeline import ALL_QUANTS, ExportConfig, ExportResult, export_model

__all__ = ["ALL_QUANTS", "ExportConfig", "ExportError", "ExportResult", "export_model"]
