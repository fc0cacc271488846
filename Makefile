# Two set-up commands: `make test` and `make demo`. Each creates .venv if missing,
# installs what is needed (idempotent, quick when already installed), then runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.chirogate-installed
# A portable llama.cpp build: GGML_NATIVE=ON produced "Illegal instruction" on q8_0 here.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF

.PHONY: install system-deps test demo bench clean

# Debian packages the tests need (browser, dictionaries, ...). `.ci/run` installs them as root
# before `make test`; on a developer machine run `sudo make system-deps` once.
APT_PACKAGES := hunspell-no

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml
	# CPU torch first: an unpinned torch pulls a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2 \
		$(PY) -m pip install -q "llama-cpp-python>=0.3.16,<0.4"
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest tests -q

demo: $(STAMP)
	$(VENV)/bin/chirogate demo

bench: $(STAMP)
	for b in bench/bench_*.py; do $(PY) $$b || exit 1; done

system-deps:
	@if [ -n "$(strip $(APT_PACKAGES))" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

clean:
	rm -rf $(VENV) .chirogate build *.egg-info
