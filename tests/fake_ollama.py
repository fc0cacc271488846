"""A small HTTP server speaking Ollama's real API, for tests (filled by the backends work)."""
