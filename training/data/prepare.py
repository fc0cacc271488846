"""``chirogate data prepare``: raw files -> a validated, PII-scrubbed, deduplicated, split dataset.

validate (formats + quality checks) -> repair what is certain (mojibake ftfy can undo, sentences glued
at a period) -> drop records with error-level problems (each listed per type with file:line in the
card; ``strict`` refuses the file instead, as before) -> scrub PII (typed placeholders, consistent per
record, the DPO rejected answer included) -> ChatML with a system prompt per document type -> drop
exact and near duplicates -> split 80/10/10,
deterministic in the seed and stratified by document type and body region, with near-equal prompts
kept in one split (so the leakage check passes by construction and then verifies it) -> write
train/validation/test.jsonl (+ preference_<split>.jsonl for DPO pairs) + card.json into a temp dir
registered, then renamed into place (a kill between the two is finished or undone on the next start).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from registry.errors import ChirogateError, InputError
from registry.hashing import hash_value

from . import SPLITS
from . import defects
from .checks import DataConfig, Problem, check_records, dedupe_text, duplicate_answer_problems
from .dedupe import clusters, near_duplicate_pairs, normalize
from .formats import Invalid, RawRecord, read_file
from .preference import preference_split

SYSTEM_PROMPTS = {
    "soap": "Du er en klinisk dokumentasjonsassistent for kiropraktorer. Skriv korte, presise SOAP-notater på "
            "norsk bokmål, og ta bare med opplysninger som står i teksten.",
    "letter": "Du er en klinisk dokumentasjonsassistent for kiropraktorer. Skriv henvisninger og brev til andre "
              "behandlere på norsk bokmål, og ta bare med opplysninger som står i teksten.",
    "sick_leave": "Du er en klinisk dokumentasjonsassistent for kiropraktorer. Skriv sykmeldings- og "
                  "forsikringserklæringer på norsk bokmål, og ta bare med opplysninger som står i teksten.",
    "message": "Du er en assistent for en kiropraktorklinikk. Skriv korte, vennlige meldinger til pasienter på "
               "norsk bokmål, og ta bare med opplysninger som står i teksten.",
}
DEFAULT_SYSTEM = ("Du er en klinisk dokumentasjonsassistent for kiropraktorer. Skriv korte, presise tekster på "
                  "norsk bokmål, og ta bare med opplysninger som står i teksten.")
SHARES = (0.8, 0.1, 0.1)
# warnings that still drop a record when repair could not remove them: broken letters teach broken Norwegian
DROP_IF_UNREPAIRED = ("mojibake",)


@dataclass
class PrepareResult:
    """What a prepare run produced: the dataset directory, its card and (if registered) the record."""

    out: Path
    card: dict
    fingerprint: str
    registered: bool = False
    skipped: list[str] = field(default_factory=list)


def leakage(train_prompts: list[str], other_prompts: list[str], threshold: float = 0.9) -> list[tuple[int, int, float]]:
    """``(other_index, train_index, jaccard)`` for every prompt of ``other_prompts`` that equals or
    near-equals (word-shingle Jaccard >= ``threshold``) a prompt of ``train_prompts``."""
    n = len(train_prompts)
    pairs = near_duplicate_pairs(list(train_prompts) + list(other_prompts), threshold)
    return sorted((j - n, i, s) for i, j, s in pairs if i < n <= j)


def assign_splits(strata: list[str], sizes: list[int], seed: int, shares=SHARES) -> list[int]:
    """A split index (0 train, 1 validation, 2 test) for each group, deterministic in ``seed``.

    Groups are shuffled within their stratum (document type + region), strata are laid out in sorted
    order, and each group goes to the split furthest below its share of the records seen so far: every
    stratum is spread over the splits in proportion, and small datasets still get a test split."""
    order = []
    by_stratum: dict[str, list[int]] = defaultdict(list)
    for g, s in enumerate(strata):
        by_stratum[s].append(g)
    for s in sorted(by_stratum):
        members = by_stratum[s]
        random.Random(f"{seed}:{s}").shuffle(members)
        order += members
    counts = [0, 0, 0]
    out = [0] * len(strata)
    for g in order:
        total = sum(counts) + sizes[g]
        deficits = [shares[k] * total - counts[k] for k in range(3)]
        k = max(range(3), key=lambda x: (deficits[x], -x))
        out[g] = k
        counts[k] += sizes[g]
    return out


def _system_for(doc_type: str | None) -> str:
    return SYSTEM_PROMPTS.get(doc_type or "", DEFAULT_SYSTEM)


def _progress(items, total: int, desc: str, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="rec", leave=False)


def repair(records: list[RawRecord]) -> dict[str, list[str]]:
    """Repair in place what is certain, per record and turn (the rejected answer too): mojibake that
    ftfy undoes, and a sentence glued to the next at a period ("2019.Fikk"). Returns the repaired
    locations (file:line) per problem type; what is left is found (and dropped) by the checks."""
    done: dict[str, list[str]] = {}

    def fix(text: str) -> tuple[str, set[str]]:
        kinds = set()
        if defects.mojibake(text):
            fixed = defects.repair_mojibake(text)
            if fixed != text:
                text, _ = fixed, kinds.add("mojibake")
        fixed = defects.repair_glued(text)
        if fixed != text:
            text, _ = fixed, kinds.add("glued_text")
        return text, kinds

    for rec in records:
        kinds: set[str] = set()
        for m in rec.messages:
            m["content"], k = fix(m["content"])
            kinds |= k
        if rec.rejected is not None:
            rec.rejected, k = fix(rec.rejected)
            kinds |= k
        for k in sorted(kinds):
            done.setdefault(k, []).append(rec.source)
    return done


def prepare(files: list[str | Path], out: str | Path, *, seed: int | None = None, skip_invalid: bool = False,
            name: str | None = None, config: DataConfig | None = None, register: bool = True,
            progress: bool = False, drop: tuple[str, ...] = (), strict: bool = False,
            allow: tuple[str, ...] = (), keep_pii: bool = False) -> PrepareResult:
    """Prepare ``files`` into the dataset directory ``out`` (which must not exist or be empty).

    Repairs what is certain and drops every record that still has an error-level problem or mojibake (listed
    per type with file:line in the card's ``dropped``); ``strict`` instead raises
    :class:`InputError` when error-level problems exceed ``[data] max_errors`` (``skip_invalid``
    then drops them, as before). Unreadable lines raise unless ``skip_invalid``.
    ``drop=("ungrounded",)`` also leaves out the pairs whose answer asserts facts their prompt lacks
    (a warning by default; counted and located in the card's ``dropped``). ``allow``: the
    clinic's own organisation names, not scrubbed. ``keep_pii`` skips the PII scrub (the card then
    says ``"scrubbed": "skipped (keep_pii)"``): only for data known to hold no personal data, and
    for showing what the gate does when that is wrong. Nothing is written unless the whole run succeeds."""
    from gate.pii import scrub

    cfg = config or DataConfig()
    seed = cfg.seed if seed is None else seed
    out = Path(out)
    if register:
        from registry.core import check_name

        check_name(name or out.name, "dataset name")  # before any work: a bad name must not leave files
    from registry.files import crash_point
    from registry.publish import clean_start

    # What a prepare killed earlier left: its registration finished or undone, its temp dirs removed.
    clean_start("dataset", out.parent, f".{out.name}.tmp-*")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(f"{out}: already exists and is not an empty directory; choose another --out")
    if not files:
        raise InputError("no input files given")
    records: list[RawRecord] = []
    invalid: list[Invalid] = []
    file_info = []
    for f in files:
        fmt, recs, bad = read_file(f, skip_invalid=skip_invalid)
        file_info.append({"file": Path(f).name, "format": fmt, "records": len(recs), "invalid": len(bad)})
        records += recs
        invalid += bad

    unknown_drop = sorted(set(drop) - set(DROPPABLE))
    if unknown_drop:
        raise InputError(f"--drop: unknown problem type(s) {', '.join(unknown_drop)} (can drop: {', '.join(DROPPABLE)})")
    grounding = "ungrounded" in drop or "ungrounded" not in cfg.warnings  # the checker is the costly scan: only when used
    raw_problems = check_records(records, cfg, pii=False, duplicates=False, allow=allow, grounding=False)
    repaired = repair(records)
    problems = check_records(records, cfg, pii=False, duplicates=False, allow=allow, grounding=grounding)
    raw_problems += [p for p in problems if p.type == "ungrounded"]
    problems += duplicate_answer_problems(records, cfg)
    errors = [p for p in problems if p.severity == "error" or p.type in DROP_IF_UNREPAIRED]
    bad_sources = {(p.file, p.line) for p in errors}
    skipped = [str(i) for i in invalid]
    dropped: dict[str, list[str]] = {}
    if strict and not skip_invalid and len(errors) > cfg.max_errors:
        kinds = Counter(p.type for p in errors)
        first = "; ".join(f"{p.where}: {p.type}" for p in errors[:5])
        raise InputError(f"{len(errors)} data error(s) ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) "
                         f"exceed [data] max_errors = {cfg.max_errors}: {first}"
                         f"{' ...' if len(errors) > 5 else ''}; see: chirogate data check, or drop them "
                         "without --strict")
    if errors:
        if strict:
            skipped += [f"{p.where}: {p.type}: {p.message}" for p in errors]
        for p in errors:
            dropped.setdefault(p.type, []).append(p.where)
        records = [r for r in records if (r.file, r.line) not in bad_sources]
    for kind in drop:  # e.g. ungrounded pairs teach a model to invent
        hits = [p for p in problems if p.type == kind and (p.file, p.line) not in bad_sources]
        dropped.setdefault(kind, []).extend(p.where for p in hits)
        gone = {(p.file, p.line) for p in hits}
        records = [r for r in records if (r.file, r.line) not in gone]
    if not records:
        raise InputError("no valid records left to prepare"
                         + (f" ({len(bad_sources)} dropped for data errors; see: chirogate data check)"
                            if bad_sources else ""))

    scrubbed_counts: Counter = Counter()
    rows = []
    for rec in _progress(records, len(records), "scrub", progress):
        mapping: dict[str, str] = {}
        msgs = []
        for m in rec.messages:
            if keep_pii:
                msgs.append({"role": m["role"], "content": m["content"]})
                continue
            s = scrub(m["content"], mapping=mapping, allow=allow)
            scrubbed_counts.update(e.type for e in s.entities)
            msgs.append({"role": m["role"], "content": s.text})
        if msgs[0]["role"] != "system":
            msgs.insert(0, {"role": "system", "content": _system_for(rec.meta.get("doc_type"))})
        row = {"id": rec.meta.get("id") or f"{Path(rec.file).name}:{rec.line}", "messages": msgs,
               "doc_type": rec.meta.get("doc_type", "unknown"), "region": rec.meta.get("region", "unknown"),
               "severity": rec.meta.get("severity", "unknown"), "source": f"{Path(rec.file).name}:{rec.line}"}
        if rec.rejected is not None and keep_pii:
            row["rejected"] = rec.rejected
        elif rec.rejected is not None:
            s = scrub(rec.rejected, mapping=mapping, allow=allow)
            scrubbed_counts.update(e.type for e in s.entities)
            row["rejected"] = s.text
        rows.append(row)

    # dedupe on the scrubbed text: two records that differ only in the patient's name are duplicates
    dummies = [RawRecord("", 0, "chatml", r["messages"]) for r in rows]
    texts = [dedupe_text(d) for d in dummies]
    dup_pairs = near_duplicate_pairs(texts, cfg.near_duplicate)
    cluster_of = clusters(len(rows), dup_pairs)
    keep = [i for i in range(len(rows)) if cluster_of[i] == i]
    norm = [normalize(t) for t in texts]
    exact = sum(1 for i in range(len(rows)) if cluster_of[i] != i and norm[i] == norm[cluster_of[i]])
    removed = {"exact": exact, "near": len(rows) - len(keep) - exact}
    rows = [rows[i] for i in keep]
    canaries = {}
    for i in keep:
        c = records[i].meta.get("canary")
        if c:
            canaries[c["id"]] = c

    # near-equal prompts form one group and stay in one split
    prompts = ["\n".join(m["content"] for m in r["messages"] if m["role"] == "user") for r in rows]
    groups = clusters(len(rows), near_duplicate_pairs(prompts, cfg.near_duplicate))
    ids = sorted(set(groups))
    index = {g: k for k, g in enumerate(ids)}
    sizes = [0] * len(ids)
    for g in groups:
        sizes[index[g]] += 1
    strata = [f"{rows[g]['doc_type']}/{rows[g]['region']}" for g in ids]
    group_split = assign_splits(strata, sizes, seed)
    splits: dict[str, list[dict]] = {s: [] for s in SPLITS}
    split_prompts: dict[str, list[str]] = {s: [] for s in SPLITS}
    for i, r in enumerate(rows):
        s = SPLITS[group_split[index[groups[i]]]]
        splits[s].append(r)
        split_prompts[s].append(prompts[i])
    leaks = {f"{s}_vs_train": len(leakage(split_prompts["train"], split_prompts[s], cfg.near_duplicate))
             for s in ("validation", "test")}
    leak_report = {**leaks, "threshold": cfg.near_duplicate, "passed": not any(leaks.values())}
    if not leak_report["passed"]:  # cannot happen with grouped splitting; never ship a leaky split
        raise ChirogateError(f"leakage check failed: {leaks}")

    fingerprint = hash_value({s: splits[s] for s in SPLITS})
    counts = {key: {s: dict(sorted(Counter(r[key] for r in splits[s]).items())) for s in SPLITS}
              for key in ("doc_type", "region", "severity")}
    card = {
        "version": 1, "name": name or out.name, "fingerprint": fingerprint, "seed": seed,
        "n_train": len(splits["train"]), "n_validation": len(splits["validation"]), "n_test": len(splits["test"]),
        "files": file_info, "counts": counts,
        "problems": _problem_summary(raw_problems), "skipped": skipped,
        "repaired": {k: {"count": len(v), "locations": v} for k, v in sorted(repaired.items())},
        "dropped": {k: {"count": len(v), "locations": v} for k, v in sorted(dropped.items())},
        "n_preference": {s: len(preference_split(splits[s])) for s in SPLITS},
        "scrubbed": "skipped (keep_pii)" if keep_pii else dict(sorted(scrubbed_counts.items())),
        "duplicates_removed": removed,
        "leakage": leak_report, "canaries": [canaries[k] for k in sorted(canaries)],
        "system_prompts": {**SYSTEM_PROMPTS, "default": DEFAULT_SYSTEM},
    }
    tmp = _write(out, splits, card)
    crash_point("dataset.written")
    if register:
        _register_and_publish(tmp, out, card)
    else:
        try:
            if out.exists():
                out.rmdir()  # empty (checked above)
            os.replace(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return PrepareResult(out, card, fingerprint, registered=register, skipped=skipped)


def _register_and_publish(tmp: Path, out: Path, card: dict) -> None:
    """Register the dataset from its temp dir, then rename that into ``out``; a journal entry
    (:mod:`registry.publish`) makes the next start finish the rename if this process dies between
    the two, or drop the temp dir if it died before the registration committed."""
    from registry import Registry
    from registry.datasets import register_dataset
    from registry.publish import begin, crash_point, finish, settle

    pub = None
    try:
        reg = Registry()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # nothing registered, nothing left
        raise
    with reg:
        try:
            pub = begin(reg, "dataset", tmp, [(tmp, out)], {"row": ["datasets", card["fingerprint"]]})
            crash_point("dataset.staged")
            register_dataset(reg, tmp, card["name"], filename=out.name)
        except BaseException:
            if pub is not None:
                settle(reg, pub)
            else:
                shutil.rmtree(tmp, ignore_errors=True)
            raise
        crash_point("dataset.registered")
        try:
            finish(pub)
        except OSError as exc:
            raise InputError(f"{out}: dataset {card['fingerprint']} is registered but could not be moved there "
                             f"({exc}); it is kept at {tmp}") from None


DROPPABLE = ("ungrounded",)


def _problem_summary(problems: list[Problem]) -> dict:
    out: dict[str, dict] = {}
    for p in problems:
        e = out.setdefault(p.type, {"severity": p.severity, "count": 0, "locations": []})
        e["count"] += 1
        e["locations"].append(p.where)
    return dict(sorted(out.items()))


def _write(out: Path, splits: dict[str, list[dict]], card: dict) -> Path:
    """All files into a new temp dir beside ``out`` (renamed into place by the caller); its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    from registry.files import owned_prefix

    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=owned_prefix(f".{out.name}.tmp-")))
    try:
        for s in SPLITS:
            (tmp / f"{s}.jsonl").write_text(
                "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in splits[s]), "utf-8")
            pairs = preference_split(splits[s])
            if any(card["n_preference"].values()):  # DPO input: every split gets its file, maybe empty
                (tmp / f"preference_{s}.jsonl").write_text(
                    "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in pairs), "utf-8")
        (tmp / "card.json").write_text(json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp
