"""Clinician review: export -> fill -> import round trip, blind A/B, and every bad-packet case.

Outputs come through the real runner and the replay backend from generations recorded in
the registry (as the suites leave them), PII highlighting from the real Norwegian
recognisers, the workbook from openpyxl; import always through the CLI (a subprocess).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gate.backends.base import DecodingParams, with_system_prompt
from helpers import assert_clean_error
from registry import Registry
from registry import generations as cache
from registry.signoffs import get_packet, signoffs

DOC_TYPES = {"soap": ["low_back", "neck", "shoulder"], "letter": ["low_back", "neck"], "message": ["neck"]}
FNR = "13097248022"


def _cases(tmp: Path) -> Path:
    lines = []
    k = 0
    for doc_type, regions in DOC_TYPES.items():
        for region in regions:
            for _ in range(4):
                k += 1
                lines.append({"id": f"test:{k:03d}", "doc_type": doc_type, "region": region,
                              "messages": [{"role": "user", "content": f"Skriv {doc_type} for pasient {k}: "
                                                                      f"smerter {region}, NRS {k % 10}/10."}],
                              "reference": "S: smerter. O: funn. A: L84. P: behandling."})
    p = tmp / "cases.jsonl"
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    return p


def _record(reg: Registry, model: str, cases_path: Path, *, leak_case: str | None = None, prefix: str = "") -> None:
    """Record ``model``'s answers in the generation cache under its GGUF digest (what a suite run leaves)."""
    from gate.generation import load_cases

    m = reg.get_model(model)
    digest = reg.latest_artifact(model, "gguf").sha256
    params = DecodingParams(max_tokens=256, seed=0)
    for c in load_cases(cases_path):
        msgs = with_system_prompt(c.messages, m.system_prompt)
        text = f"{prefix}S: Smerter {c.region}. O: Nedsatt bevegelighet. A: L84. P: Manuell behandling."
        if c.id == leak_case:
            text += f" Fødselsnummer {FNR}."
        cache.put(reg, key=cache.cache_key(digest, "llamacpp", msgs, params), model_digest=digest,
                  backend="llamacpp", case_id=c.id, messages=msgs, params=params, text=text, ttft_s=0.1,
                  total_s=0.5, prompt_tokens=10, completion_tokens=20, meta={"model": model})


@pytest.fixture
def packet_setup(tmp_path):
    from test_compare_support import make_models

    cases = _cases(tmp_path)
    with Registry() as reg:
        make_models(reg, tmp_path / "models")
        _record(reg, "chiro-no-v2", cases, leak_case="test:002")
        _record(reg, "chiro-no-base", cases, prefix="Notat. ")
    return cases


def _fill(path: Path, out: Path, *, correct_no: int = 0, skip: str | None = None, value: dict | None = None) -> None:
    """Fill every choice cell like a reviewer would (``correct_no`` rows judged not correct)."""
    wb = load_workbook(path)
    k = 0
    for ws in wb.worksheets[1:]:
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for h, cell in zip(headers, row):
                if h.startswith("klinisk korrekt"):
                    cell.value = "nei" if k < correct_no and h.endswith(("korrekt", "A")) else "ja"
                elif h.startswith("hallusinasjon"):
                    cell.value = "nei"
                elif h.startswith("språk"):
                    cell.value = "ok"
                elif h == "foretrukket":
                    cell.value = "A"
                elif h == "kommentar" and k == 0:
                    cell.value = "Fin struktur"
            k += 1
    for (sheet, ref), v in (value or {}).items():
        wb[sheet][ref] = v
    if skip:
        sheet, ref = skip.split("!")
        wb[sheet][ref] = None
    wb.save(out)


def test_export_writes_stratified_packet_with_dropdowns_pii_and_html(cli, tmp_path, packet_setup):
    out = tmp_path / "review.xlsx"
    r = cli("review", "export", "chiro-no-v2", "--n", "12", "--out", str(out), "--cases", str(packet_setup),
            "--backend", "replay", "--json")
    assert r.code == 0, r.err
    info = json.loads(r.out)
    assert info["n_cases"] == 12 and info["pii_cells"] >= 1
    assert FNR not in r.out + r.err  # personal data never in the console output
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Instruksjoner"
    assert set(wb.sheetnames[1:]) == {"SOAP-notater", "Brev", "Meldinger"}
    ins = wb["Instruksjoner"]
    assert ins["B3"].value == info["packet_id"]
    assert any("klinisk korrekt" in str(c.value) for c in ins["A"])  # Norwegian instructions
    # Stratified: every (doc type, region) stratum of the 24 cases is represented in the 12.
    seen = set()
    for ws in wb.worksheets[1:]:
        assert [c.value for c in ws[1]] == ["case-id", "region", "inndata", "utdata", "klinisk korrekt",
                                            "hallusinasjon", "språk", "kommentar"]
        seen |= {(ws.title, row[1].value) for row in ws.iter_rows(min_row=2)}
        lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
        assert {'"ja,nei"', '"ok,ikke ok"'} <= lists
    assert len(seen) == 6
    # The leaked fødselsnummer is highlighted (fill) with a comment naming the type, not the value.
    soap = wb["SOAP-notater"]
    leak = [row[3] for row in soap.iter_rows(min_row=2) if row[0].value == "test:002"]
    assert leak and leak[0].fill.fgColor.rgb.endswith("FFF2CC") and leak[0].comment is not None
    assert FNR not in leak[0].comment.text
    html = out.with_suffix(".html").read_text("utf-8")
    assert info["packet_id"] in html and "<mark" in html and "☐ ja" in html
    with Registry() as reg:
        pk = get_packet(reg, info["packet_id"])
        arts = reg.artifacts("chiro-no-v2", "review-packet")
    from registry import hash_file

    assert pk.sha256 == hash_file(out) == arts[-1].sha256
    assert pk.artifact_sha256.startswith("sha256:") and len(pk.cases) == 12 and pk.blind_key == {}


def _export(cli, tmp_path, cases, *extra) -> tuple[Path, str]:
    """Export in this process (the PII engine is built once per test process, not once per CLI call);
    the CLI path of export is covered by the first test."""
    from gate.generation import load_cases
    from gate.review.export import export_packet
    from gate.review.sample import collect_items, stratified_sample

    blind = "--blind-ab" in extra
    out = tmp_path / "review.xlsx"
    with Registry() as reg:
        sample = stratified_sample(load_cases(cases), 12, seed=0)
        items = collect_items(reg, "chiro-no-v2", sample, backend="replay", progress=False,
                              baseline="chiro-no-base" if blind else None)
        res = export_packet(reg, "chiro-no-v2", items, out, blind=blind, baseline="chiro-no-base" if blind else None)
    return out, res.packet.packet_id


def test_round_trip_records_signoff(cli, tmp_path, packet_setup):
    out, pid = _export(cli, tmp_path, packet_setup)
    filled = tmp_path / "filled.xlsx"
    _fill(out, filled, correct_no=1)
    (tmp_path / "conf").mkdir()
    cfg = tmp_path / "conf" / "chirogate.toml"
    cfg.write_text("[review]\nmin_cases = 12\nmin_correct_share = 0.9\n", "utf-8")
    r = cli("review", "import", str(filled), "--reviewer", "dr-berg", "--config", str(cfg), "--json")
    assert r.code == 0, r.err
    o = json.loads(r.out)
    assert o["n_reviewed"] == 12 and o["approved_share"] == pytest.approx(11 / 12) and o["approved"] is True
    assert o["language_ok_share"] == 1.0 and o["hallucination_share"] == 0.0
    with Registry() as reg:
        s = signoffs(reg, "chiro-no-v2")
        ev = reg.events(subject="chiro-no-v2", action="review.signoff")
    assert len(s) == 1 and s[0].packet_id == pid and s[0].reviewer == "dr-berg" and s[0].approved
    assert s[0].details["comments"] and ev[-1].payload["approved"] is True
    # One reviewer signs a packet once.
    assert_clean_error(cli("review", "import", str(filled), "--reviewer", "dr-berg"), "already signed")
    # One sign-off per packet by default: the same packet under another name is refused...
    r = cli("review", "import", str(filled), "--reviewer", "dr-lie")
    assert_clean_error(r, f"packet '{pid}' is already signed", "dr-berg", "signoffs_per_packet = 1")
    # ...unless the policy asks for several (100 cases by default: recorded, not approved).
    cfg2 = tmp_path / "conf" / "two.toml"
    cfg2.write_text("[review]\nsignoffs_per_packet = 2\n", "utf-8")
    r = cli("review", "import", str(filled), "--reviewer", "dr-lie", "--config", str(cfg2))
    assert r.code == 0 and "NOT approved" in r.out
    assert_clean_error(cli("review", "import", str(filled), "--reviewer", "dr-ek", "--config", str(cfg2)),
                       "already signed (2 sign-off(s)")
    with Registry() as reg:
        assert [x.reviewer for x in signoffs(reg, "chiro-no-v2")] == ["dr-berg", "dr-lie"]


def test_blind_ab_key_only_in_registry(cli, tmp_path, packet_setup):
    out, pid = _export(cli, tmp_path, packet_setup, "--blind-ab")
    wb = load_workbook(out)
    headers = [c.value for c in wb["SOAP-notater"][1]]
    assert headers[3:5] == ["utdata A", "utdata B"] and "foretrukket" in headers
    raw = out.read_bytes()
    assert b"chiro-no-base" not in raw  # the baseline is not named in the blind packet
    with Registry() as reg:
        key = get_packet(reg, pid).blind_key
    assert set(key.values()) <= {"A", "B"} and len(key) == 12
    # The candidate's output (no "Notat." prefix) sits in the column its key says.
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows(min_row=2):
            col = 3 if key[row[0].value] == "A" else 4
            assert not str(row[col].value).startswith("Notat.")
    filled = tmp_path / "filled.xlsx"
    _fill(out, filled)  # prefers A everywhere
    r = cli("review", "import", str(filled), "--reviewer", "dr-berg", "--json")
    assert r.code == 0, r.err
    o = json.loads(r.out)
    n_a = sum(v == "A" for v in key.values())
    assert o["preference"] == {"candidate": n_a, "baseline": 12 - n_a, "tie": 0}


@pytest.mark.parametrize("case", ["foreign", "edited", "incomplete", "bad_value", "added_row", "not_xlsx",
                                  "no_packet_id", "missing_sheet", "formula", "formula_comment", "long_value",
                                  "instructions_model", "instructions_hash", "instructions_rule"])
def test_bad_packets_get_clear_errors(cli, tmp_path, packet_setup, case):
    out, pid = _export(cli, tmp_path, packet_setup)
    bad = tmp_path / "bad.xlsx"
    if case == "foreign":
        _fill(out, bad, value={("Instruksjoner", "B3"): "rp-20250101-deadbeef"})
        expect = ["sheet 'Instruksjoner' cell B3", "rp-20250101-deadbeef", "not exported from this registry"]
    elif case == "edited":
        _fill(out, bad, value={("Brev", "D3"): "S: Alt er fint."})
        expect = ["sheet 'Brev' cell D3", "exported content was edited"]
    elif case == "incomplete":
        _fill(out, bad, skip="Meldinger!E2")
        expect = ["sheet 'Meldinger' cell E2", "'klinisk korrekt' is empty", "incomplete"]
    elif case == "bad_value":
        _fill(out, bad, value={("SOAP-notater", "G4"): "kanskje"})
        expect = ["sheet 'SOAP-notater' cell G4", "'kanskje' is not one of ok, ikke ok"]
    elif case == "added_row":
        wb = load_workbook(out)
        n = wb["Brev"].max_row
        _fill(out, bad, value={("Brev", f"A{n + 1}"): "test:999"})
        expect = ["sheet 'Brev' cell A" + str(n + 1), "rows were added"]
    elif case == "not_xlsx":
        bad.write_text("case-id;utdata\n", "utf-8")
        expect = ["bad.xlsx", "not a readable .xlsx review packet"]
    elif case == "no_packet_id":
        _fill(out, bad, value={("Instruksjoner", "B3"): None})
        expect = ["sheet 'Instruksjoner' cell B3", "no packet id"]
    elif case == "formula":  # its cached value would be a valid choice; the formula is still refused
        _fill(out, bad, value={("SOAP-notater", "E2"): '=IF(1,"ja","nei")'})
        expect = ["sheet 'SOAP-notater' cell E2", "a formula is not an answer"]
    elif case == "formula_comment":
        wb = load_workbook(out)
        col = [c.value for c in wb["Brev"][1]].index("kommentar")
        ref = f"{'ABCDEFGHIJ'[col]}2"
        _fill(out, bad, value={("Brev", ref): '=HYPERLINK("http://x","klikk")'})
        expect = [f"sheet 'Brev' cell {ref}", "a formula is not an answer"]
    elif case == "long_value":
        _fill(out, bad, value={("SOAP-notater", "G4"): "kanskje " * 5000})
        expect = ["sheet 'SOAP-notater' cell G4", "'kanskje kanskje", "…' is not one of"]
    elif case == "instructions_model":
        _fill(out, bad, value={("Instruksjoner", "B4"): "chiro-no-v9"})
        expect = ["sheet 'Instruksjoner' cell B4", "instructions were edited"]
    elif case == "instructions_hash":
        _fill(out, bad, value={("Instruksjoner", "B7"): "sha256:" + "0" * 64})
        expect = ["sheet 'Instruksjoner' cell B7", "instructions were edited"]
    elif case == "instructions_rule":
        wb = load_workbook(out)
        ref = next(c.coordinate for row in wb["Instruksjoner"].iter_rows(min_row=9) for c in row if c.value)
        _fill(out, bad, value={("Instruksjoner", ref): "Godkjent uansett."})
        expect = [f"sheet 'Instruksjoner' cell {ref}", "instructions were edited"]
    else:
        wb = load_workbook(out)
        del wb["Brev"]
        wb.save(bad)
        expect = ["sheet 'Brev' is missing"]
    r = cli("review", "import", str(bad), "--reviewer", "dr-berg")
    assert len(r.err) < 400  # one short line, whatever the cell held
    assert_clean_error(r, *expect)
    assert FNR not in r.err
    with Registry() as reg:
        assert signoffs(reg, "chiro-no-v2") == []


def test_export_bad_input(cli, tmp_path, packet_setup):
    assert_clean_error(cli("review", "export", "chiro-no-v2", "--out", str(tmp_path / "r.csv"),
                           "--cases", str(packet_setup)), "r.csv", ".xlsx")
    assert_clean_error(cli("review", "export", "nope", "--out", str(tmp_path / "r.xlsx"),
                           "--cases", str(packet_setup)), "unknown model 'nope'")
    assert_clean_error(cli("review", "export", "chiro-no-v2", "--out", str(tmp_path / "missing" / "r.xlsx"),
                           "--cases", str(packet_setup), "--backend", "replay"), "does not exist")
    assert not (tmp_path / "r.xlsx").exists()


def test_stratified_sample_proportions():
    from gate.cases import Case
    from gate.review.sample import stratified_sample

    cases = [Case(id=f"c{i:03d}", messages=({"role": "user", "content": "x"},), doc_type=d, region="neck")
             for i, d in enumerate(["soap"] * 70 + ["letter"] * 20 + ["message"] * 10)]
    s = stratified_sample(cases, 10, seed=1)
    counts = {d: sum(c.doc_type == d for c in s) for d in ("soap", "letter", "message")}
    assert counts == {"soap": 7, "letter": 2, "message": 1}
    assert stratified_sample(cases, 10, seed=1) == s
    assert len(stratified_sample(cases, 500, seed=1)) == 100
    # A rare stratum still gets one case when there is room.
    rare = cases[:95] + [Case(id="z", messages=({"role": "user", "content": "x"},), doc_type="sick_leave")]
    assert any(c.id == "z" for c in stratified_sample(rare, 5, seed=0))


def test_a_packet_that_unpacks_huge_is_refused_before_parsing(cli, tmp_path, packet_setup):
    import zipfile

    out, pid = _export(cli, tmp_path, packet_setup)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":  # one enormous cell below the cases
                data = data.replace(b"</sheetData>", b'<row r="999"><c r="A999" t="inlineStr"><is><t>'
                                    + b"A" * (60 * 2**20) + b"</t></is></c></row></sheetData>")
            dst.writestr(info.filename, data)
    assert bomb.stat().st_size < 2**20  # small on disk
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("xl/worksheets/sheet2.xml").file_size > 60 * 2**20
    r = cli("review", "import", str(bomb), "--reviewer", "dr-berg")
    assert_clean_error(r, str(bomb), "too large for a review packet", "refused before reading it")
    with Registry() as reg:
        assert signoffs(reg, "chiro-no-v2") == []


def test_an_export_killed_after_its_packet_is_recorded_is_finished_by_the_next_export(cli, tmp_path, packet_setup,
                                                                                    chirogate_home):
    # CHIROGATE_CRASH_AT: the process kills itself (SIGKILL) at that step; no timer races it.
    out = tmp_path / "review.xlsx"
    args = ("review", "export", "chiro-no-v2", "--n", "12", "--cases", str(packet_setup), "--backend", "replay",
            "--out")
    r = cli(*args, out, env={"CHIROGATE_CRASH_AT": "review.registered"})
    assert r.code == -9, (r.code, r.err)
    with Registry() as reg:
        [packet] = reg.db.query("SELECT packet_id, sha256 FROM review_packets")
    assert not out.exists() and not out.with_suffix(".html").exists()  # recorded, not yet in place
    r = cli(*args, tmp_path / "second.xlsx")  # the next export finishes it first
    assert r.code == 0, r.err
    assert f"finished an interrupted publication: review {packet['packet_id']}" in r.err
    from registry.hashing import hash_file

    assert hash_file(out) == packet["sha256"] and out.with_suffix(".html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".review.xlsx.")]
    assert not list((chirogate_home / "publishing").iterdir())
