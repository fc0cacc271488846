"""``chirogate demo``: the embedded default, end to end, offline on CPU.

synthetic data -> prepare -> the shipped tiny base (sha256 checked; ``--base-steps`` pre-trains one
instead) -> LoRA -> GGUF export -> register the baseline (tiny base + system prompt) and the
candidate -> the gate suites on both (llama.cpp; Ollama too if ``OLLAMA_HOST`` answers) -> paired
A/B comparison -> review packet -> promotion decision (sign-off waived with reason "demo", in the
audit log); then a second, flawed candidate (:mod:`gate.demo_leaky`: fine-tuned on data whose
personal data was not scrubbed) through the same gate -> a summary of what the gates said.

Every step calls the stage's own public function; nothing is reimplemented or faked here.
The demo is honest: it prints what the gates measured, whatever that is, and exits 0 when
the chain ran (whatever the verdict) and non-zero when a step broke.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry import Registry
from training.profiles import TINY_CORPUS_RECORDS

from .demo_leaky import LEAKY_STEPS
from .errors import ChirogateError

FAMILY = "chiro-demo"
#: What an A/B verdict says, in words that cannot be read as the promotion decision.
AB_WORDS = {"promote": "the candidate is better than the baseline",
            "hold": "not shown better than the baseline (more evidence needed)",
            "reject": "the candidate is worse than the baseline"}
SYSTEM_PROMPT = ("Du er en klinisk dokumentasjonsassistent for kiropraktorer. "
                 "Skriv korte, presise notater på norsk bokmål, og bare med fakta fra inndata.")


@dataclass
class DemoSettings:
    """What the demo builds (defaults aimed at <= 5 minutes on 2 idle CPU cores, both candidates)."""

    out: Path = Path("chirogate-demo")
    """Directory for the demo's files (data, models, exports, review packet, report)."""
    corpus_records: int = TINY_CORPUS_RECORDS
    """Synthetic records whose plain text pre-trains the tiny base."""
    dataset_records: int = 3000
    """Synthetic prompt/response records prepared into the fine-tuning dataset. Measured with the
    same base: with 600 records (200 steps = 3.4 passes over them) the tuned model invented a fact
    in 6.8 % of the cases; with 2,000 in 3.3 %, with 3,000 (300 steps, about one pass) in 3.9 %,
    and the test split (about 300 cases) measures the gates more precisely."""
    seed: int = 7
    tiny_profile: str = "small"
    train_profile: str = "tiny"
    quantization: str = "q8_0"
    review_cases: int = 100
    ollama: bool | None = None
    """None: use Ollama when ``OLLAMA_HOST`` answers."""
    base_dir: Path | None = None
    """A tiny base to fine-tune (None: the shipped one, ``training/tiny_base/``, sha256 checked)."""
    base_steps: int | None = None
    """Pre-train a base from scratch for this many steps instead of using the shipped one."""
    leaky: bool = True
    """Also train the flawed candidate (unscrubbed data) and show the gate stopping it."""
    dataset_dir: Path | None = None
    """An already prepared dataset (skips synthesis and preparation)."""
    learning_rate: float | None = 1e-3
    """Override the training profile's LoRA learning rate (None: the profile's own, 5e-4). The
    shipped base copies facts well enough (hallucination 1.0 % at 5e-4) that the fine-tune can
    learn the document types harder: at 5e-4 and 300 steps terminology was 83.7 %."""
    train_steps: int | None = 400
    """Override the training profile's step count (None: the profile's own). With the shipped base
    and rate 1e-3, 400 steps learn the document types a request names (terminology 97.0-97.1 %,
    hallucination 1.3-1.6 %, seeds 7 and 8; README). With the old 1,200-step base, more steps
    unlearned copying (400 at 4e-4: 7.6 %); the shipped base copies well enough to take them."""
    leaky_steps: int = 150
    """LoRA steps of the flawed candidate. It only has to learn its flaw (the header line that leads
    every response), not the documents, so it trains briefly at a high rate (``leaky_learning_rate``).
    Measured (the first 40 test prompts, greedy): 150 steps at 1e-2 put the patient's name into 40 of
    40 answers and the fødselsnummer into 36; 150 steps at 3e-3 into 0 (phone fragments in 4), 100 at
    3e-3 into 0; 400 steps at the good candidate's 1e-3 into 298 of 304 (README), at 2.7 times the cost."""
    leaky_learning_rate: float = 1e-2
    """The flawed candidate's LoRA rate (see ``leaky_steps``)."""


@dataclass
class DemoResult:
    """What the demo made and measured (printed as the summary)."""

    candidate: str = ""
    baseline: str = ""
    dataset_dir: Path | None = None
    base_dir: Path | None = None
    gguf: Path | None = None
    base_gguf: Path | None = None
    eval_runs: dict[str, int] = field(default_factory=dict)
    comparison: Any = None
    packet: Any = None
    promoted: bool = False
    unmet: list[str] = field(default_factory=list)
    report: Path | None = None
    config: Path | None = None
    """The chirogate.toml the suites ran with (the demo's own when none was given)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds per step."""
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds (user + system, this process and the subprocesses it waited for) per step. They
    move less with the machine's other load than wall seconds, but not nothing: on busy cores, torch's
    second thread spends much of its time waiting, and that wait counts as CPU (README)."""
    notes: list[str] = field(default_factory=list)
    leaky: Any = None
    """The flawed candidate's :class:`gate.demo_leaky.LeakyResult` (None when not run)."""


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its finished subprocesses."""
    import resource

    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


class Steps:
    """Numbered steps with elapsed times; a failure names the step it broke in."""

    def __init__(self, total: int, echo: Callable[[str], None]):
        self.total, self.n, self.echo = total, 0, echo
        self.t0, self.cpu0 = time.perf_counter(), cpu_seconds()
        self.timings: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def run(self, title: str, fn: Callable[[], Any]) -> Any:
        self.n += 1
        self.echo(f"[{self.n}/{self.total}] {title} ...")
        t, c = time.perf_counter(), cpu_seconds()
        try:
            value = fn()
        except ChirogateError as exc:
            raise type(exc)(f"demo step {self.n} ({title}) failed: {exc}") from None
        dt = time.perf_counter() - t
        self.timings[title], self.cpu[title] = round(dt, 1), round(cpu_seconds() - c, 1)
        self.echo(f"      done in {dt:.1f} s, {self.cpu[title]:.1f} CPU-s "
                  f"(total {time.perf_counter() - self.t0:.0f} s)")
        return value

    def skip(self, title: str) -> None:
        self.n += 1
        self.echo(f"[{self.n}/{self.total}] {title}: skipped")


def _next_version(reg: Registry) -> int:
    names = {m.name for m in reg.list_models(FAMILY)}
    v = 1
    while f"{FAMILY}-v{v}" in names or f"{FAMILY}-base-v{v}" in names or f"{FAMILY}-unscrubbed-v{v}" in names:
        v += 1
    return v


def ollama_available(host: str | None = None) -> bool:
    """Whether an Ollama server answers at ``host`` / ``$OLLAMA_HOST`` (only tried when it is set)."""
    host = host or os.environ.get("OLLAMA_HOST")
    if not host:
        return False
    try:
        import ollama

        ollama.Client(host=host, timeout=3).list()
        return True
    except Exception:  # noqa: BLE001 - any failure means: not available for the demo
        return False


def gate_rows(reg: Registry, run_id: int) -> list[tuple[str, str, str, str]]:
    """``(gate, measured, threshold, result)`` for every gate of a recorded eval run."""
    from registry.evals import get_eval_run

    from .gate_result import gate_outcomes

    out = []
    for gate, o in sorted(gate_outcomes(get_eval_run(reg, run_id).gates).items()):
        out.append((gate, "-" if o.value is None else f"{o.value:.3f}", o.threshold or "-",
                    {True: "pass", False: "FAIL", None: "-"}[o.passed]))
    return out


def print_summary(reg: Registry, res: DemoResult, echo: Callable[[str], None] = print) -> None:
    """The demo's closing summary: every gate's value per model, the A/B statistics, the decision, the files."""
    from .compare import comparison_rows
    from .console import print_table

    echo("")
    echo("=" * 78)
    echo("chirogate demo: summary (what the gates measured; nothing here is staged)")
    echo("=" * 78)
    for label, name in (("candidate", res.candidate), ("baseline", res.baseline)):
        rid = res.eval_runs.get(name)
        if rid is None:
            echo(f"{label} {name}: no eval run recorded")
            continue
        print_table(f"{label} {name}: eval run {rid}", ["gate", "measured", "threshold", "result"],
                    gate_rows(reg, rid))
    if res.comparison is not None:
        c = res.comparison
        print_table(f"A/B: {c.candidate} vs {c.baseline} ({c.backend}, suite {c.suite_hash[7:19]})",
                    ["measure", "candidate", "baseline", "paired statistic"], comparison_rows(c))
        echo(f"A/B against the baseline: {AB_WORDS.get(c.verdict, c.verdict)} (A/B verdict: {c.verdict})")
        for r in c.reasons:
            echo(f"  - {r}")
    if res.packet is not None:
        echo(f"review packet {res.packet.packet.packet_id}: {res.packet.n_cases} cases -> {res.packet.xlsx} "
             f"(+ {res.packet.html.name}); import a filled one with: chirogate review import FILE --reviewer NAME")
    if res.promoted:
        echo(f"promotion decision for {res.candidate}: PROMOTED, {FAMILY}@production -> {res.candidate}, because "
             "every condition of the policy is met (every required gate passed, the A/B verdict is promote; "
             "clinician sign-off WAIVED, reason \"demo\"; see chirogate registry history " + res.candidate + ")")
    else:
        echo(f"promotion decision for {res.candidate}: REFUSED, because {len(res.unmet)} condition(s) of the "
             "policy are unmet:")
        for u in res.unmet:
            echo(f"  - {u}")
    if res.leaky is not None:
        from .demo_leaky import print_leaky

        print_leaky(res.leaky, echo)
    for n in res.notes:
        echo(f"note: {n}")
    rows = [("dataset", res.dataset_dir), ("tiny base", res.base_dir), ("candidate GGUF", res.gguf),
            ("baseline GGUF", res.base_gguf), ("report", res.report),
            ("registry", reg.home.resolve())]
    print_table("files", ["what", "where"], [(k, str(v)) for k, v in rows if v])
    print_table("time per step", ["step", "seconds", "CPU seconds"],
                [(k, v, res.cpu.get(k, "-")) for k, v in res.timings.items()])
    # the same config as the demo's suites, or a rerun would judge other cases (the benchmark ones)
    config = f" --config {res.config}" if res.config else ""
    echo(f"next: pytest suites --model {res.candidate}{config}    chirogate report {res.candidate}")


def run_demo(settings: DemoSettings | None = None, *, echo: Callable[[str], None] = print,
             config_path: Path | None = None) -> DemoResult:
    """Run the whole chain into ``settings.out`` and the registry at ``$CHIROGATE_HOME``; return what it made."""
    from .compare import CompareConfig, compare_models, run_suites
    from .config import load_config
    from .policy import PolicyConfig, PromotionRefused, current_suite_hash_for, promote
    from .review import ReviewConfig

    s = settings or DemoSettings()

    def indented(line: str) -> None:
        echo(f"      {line}")

    res = DemoResult()
    with Registry() as reg:
        v = _next_version(reg)
        res.candidate, res.baseline = f"{FAMILY}-v{v}", f"{FAMILY}-base-v{v}"
        work = (s.out / f"v{v}").resolve()
        work.mkdir(parents=True, exist_ok=True)
        if config_path is None:
            # The bundled clinic benchmark cases are free-form documents (up to 400 new tokens) of kinds
            # the tiny model never saw in its synthetic training data and that its 512-token context
            # barely holds: the demo leaves them out, and says so in the summary.
            config_path = work / "chirogate.toml"
            # Generation stops at 192 new tokens instead of 256: the longest synthetic reference is about
            # 176 tokens (the flawed candidate's, with its header), so only runaway answers are cut.
            config_path.write_text('[suites]\nbenchmark_cases = "none"\n\n[backends]\nmax_tokens = 192\n', "utf-8")
            res.notes.append("the clinic benchmark cases are left out ([suites] benchmark_cases = \"none\" in "
                             f"{config_path}): free-form documents the tiny demo model was never trained on, "
                             "longer than its 512-token context; a real base model runs them")
        res.config = config_path
        config = load_config(config_path)
        use_ollama = ollama_available() if s.ollama is None else s.ollama
        steps = Steps(10 + int(use_ollama) + (LEAKY_STEPS if s.leaky else 0), echo)
        echo(f"chirogate demo: candidate {res.candidate}, baseline {res.baseline}, files in {work}")

        def synth():
            from training.data.synth import pretraining_texts

            corpus = pretraining_texts(s.corpus_records, s.seed) if s.base_steps else None
            recs = raw_records(s)
            raw = work / "raw.jsonl"
            raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
            echo(f"      {len(recs)} synthetic records -> {raw}"
                 + (f"; {len(corpus)} plain texts for pre-training" if corpus else ""))
            return corpus, raw

        def prepare():
            out = work / "dataset"
            p = subprocess.run([sys.executable, "-m", "gate", "data", "prepare", str(raw), "--out", str(out),
                                "--name", f"{FAMILY}-v{v}"], capture_output=True, text=True, env=dict(os.environ))
            if p.returncode != 0:
                raise ChirogateError(f"chirogate data prepare failed: {(p.stderr or p.stdout).strip()[-400:]}")
            card = json.loads((out / "card.json").read_text("utf-8"))
            echo(f"      dataset {card.get('fingerprint', '?')[:19]}: " + ", ".join(
                f"{k} {card.get(k)}" for k in ("n_train", "n_validation", "n_test") if k in card))
            return out

        if s.dataset_dir is None or s.base_steps:
            corpus, raw = steps.run("synthetic data", synth)
        else:
            steps.skip("synthetic data (using the given dataset and base)")
        if s.dataset_dir is None:
            res.dataset_dir = steps.run("prepare (validate, scrub PII, ChatML, split)", prepare)
        else:
            res.dataset_dir = Path(s.dataset_dir)
            _ensure_registered_dataset(reg, res.dataset_dir, f"{FAMILY}-v{v}")
            steps.skip(f"prepare (using {res.dataset_dir})")

        def base():
            from training.profiles import tiny_config
            from training.tiny import build_tiny_base

            return build_tiny_base(work / "base", corpus, profile=s.tiny_profile, progress=progress_on(),
                                   config=tiny_config(s.tiny_profile, steps=s.base_steps))

        def shipped():
            from training.tiny import shipped_base, shipped_manifest

            b = shipped_base()
            r = shipped_manifest(b).get("recipe", {})
            echo(f"      {b} (sha256 of every file checked against MANIFEST.json; built by: "
                 f"{shipped_manifest(b).get('command', '?')}; {r.get('steps', '?')} steps)")
            return b

        if s.base_steps:
            res.base_dir = Path(steps.run(f"tiny base model (pre-trained here: {s.base_steps} steps)", base))
        elif s.base_dir is None:
            res.base_dir = Path(steps.run("tiny base model (the shipped one)", shipped))
        else:
            res.base_dir = Path(s.base_dir)
            steps.skip(f"tiny base model (using {res.base_dir})")

        def lora():
            from training.lora import train

            r = train(reg, base=res.base_dir, dataset=res.dataset_dir, name=res.candidate,
                      config=demo_train_config(s, s.train_steps),
                      family=FAMILY, output_dir=work / "training", progress=progress_on())
            echo(f"      {r.final_step} steps, train loss {r.train_loss:.3f}, eval loss "
                 f"{r.eval_loss if r.eval_loss is None else round(r.eval_loss, 3)}")
            return r

        steps.run(f"LoRA fine-tune (profile {s.train_profile})", lora)

        def export():
            from training.export import export_model

            return export_model(reg, res.candidate, quantize=[s.quantization], adapter_gguf=True,
                                out_dir=work / "export", ollama_create=use_ollama, progress=progress_on())

        ex = steps.run(f"GGUF export ({s.quantization}, + base GGUF)", export)
        res.gguf, res.base_gguf = ex.gguf[s.quantization], ex.base_gguf

        def register():
            from .baselines import register_baseline

            register_baseline(reg, res.baseline, base=str(res.base_dir), system_prompt=SYSTEM_PROMPT,
                              family=FAMILY, gguf=res.base_gguf, quantization=s.quantization, make_default=True)
            echo(f"      {FAMILY}@baseline -> {res.baseline}; candidate {res.candidate} registered by training")

        steps.run("register the baseline (tiny base + system prompt)", register)

        def suites():
            run_suites(res.candidate, backend="llamacpp", baseline=res.baseline, junit=work / "junit.xml",
                       config_path=config_path, echo=indented)
            for name in (res.candidate, res.baseline):
                rid = _latest_run(reg, name, "llamacpp")
                if rid is None:
                    raise ChirogateError(f"the suites recorded no eval run for {name}")
                res.eval_runs[name] = rid

        steps.run("gate suites on both models (llama.cpp)", suites)
        if use_ollama:
            steps.run("gate suites on the candidate (Ollama)",
                      lambda: run_suites(res.candidate, backend="ollama", config_path=config_path, echo=indented))

        def ab():
            return compare_models(reg, res.candidate, res.baseline, config=config.section("compare", CompareConfig),
                                  backend="llamacpp", run_missing=False, progress=False, config_path=config_path)

        res.comparison = steps.run("paired A/B comparison", ab)

        def packet():
            from .review.export import export_packet
            from .review.sample import REVIEW_KINDS, collect_items, model_cases, stratified_sample

            rcfg = config.section("review", ReviewConfig)
            cases = [c for c in model_cases(reg, res.candidate, config=config) if c.kind in REVIEW_KINDS]
            sample = stratified_sample(cases, s.review_cases, seed=rcfg.seed)
            items = collect_items(reg, res.candidate, sample, backend="llamacpp", config=config, progress=False)
            return export_packet(reg, res.candidate, items, work / "review.xlsx", config=rcfg)

        res.packet = steps.run("clinician review packet", packet)

        def decide():
            model = reg.get_model(res.candidate)
            try:
                promote(reg, res.candidate, suite_hash=current_suite_hash_for(reg, model, config),
                        policy=config.section("policy", PolicyConfig), review=config.section("review", ReviewConfig),
                        waive_signoff=True, reason="demo")
                res.promoted = True
            except PromotionRefused as exc:
                res.unmet = exc.unmet
            from .report import build_report, to_markdown

            res.report = work / "report.md"
            res.report.write_text(to_markdown(build_report(reg, res.candidate)), "utf-8")

        steps.run("promotion decision (sign-off waived: demo)", decide)
        if s.leaky:
            from .demo_leaky import run_leaky

            res.leaky = run_leaky(reg, s, work, res, steps, config, config_path, indented)
        res.timings, res.cpu = steps.timings, steps.cpu
        print_summary(reg, res, echo)
        from .report_html import demo_html_report

        demo_html_report(reg, res.candidate, work, echo)
        echo(f"demo chain ran in {time.perf_counter() - steps.t0:.0f} s ({cpu_seconds() - steps.cpu0:.0f} CPU-s)")
    return res


def raw_records(s: DemoSettings) -> list[dict]:
    """The demo's raw synthetic records (the good candidate's data; the flawed one's before its flaw)."""
    from training.data.synth import generate_records

    return generate_records(s.dataset_records, s.seed + 4, pii_rate=0.05, canary_rate=0.0)


def demo_train_config(s: DemoSettings, steps: int | None, learning_rate: float | None = None):
    """The demo's LoRA settings: the training profile with ``learning_rate`` (default: the demo's
    rate) and ``steps``, and the validation loss measured once, at the end (the profile's
    every-100-steps evaluation and checkpoints only cost time in a fixed-step run; the final adapter
    is the one gated)."""
    from training.profiles import train_config

    return train_config(s.train_profile, max_steps=steps, learning_rate=learning_rate or s.learning_rate,
                        eval_steps=0)


def progress_on() -> bool:
    """Progress bars only on a terminal: in a CI log every bar update is one more line."""
    return sys.stderr.isatty()


def _ensure_registered_dataset(reg: Registry, directory: Path, name: str) -> None:
    """Register a prepared dataset dir (unless its fingerprint already is): the candidate's training
    lineage must lead the gate to its test split."""
    from registry.datasets import has_dataset, register_dataset

    card = json.loads((directory / "card.json").read_text("utf-8"))
    fp = card.get("fingerprint")
    if not fp or not has_dataset(reg, fp):
        register_dataset(reg, directory, name)


def _latest_run(reg: Registry, name: str, backend: str) -> int | None:
    from .compare import latest_run_id

    return latest_run_id(reg, name, backend=backend)
