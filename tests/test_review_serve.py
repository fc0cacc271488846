"""``chirogate review serve``: the browser review's server, driven over real HTTP on loopback.

A real registry, a real exported blind A/B packet (real Presidio marks the personal data),
the real server in a thread; requests through urllib. The checks a browser cannot skip:
token, tampered case id, replayed form, judgement on another packet; and that the xlsx
import and the browser session of one reviewer on one packet are one review.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from gate.review.export import export_packet
from gate.review.sample import ReviewItem
from registry import Registry
from test_compare_support import make_models
from test_review import packet_setup  # noqa: F401  (a fixture: cases with recorded answers for both models)

INPUTS = [
    ("soap", "nakke", "Pasient med nakkesmerter i tre uker, verre ved PC-arbeid. Ingen utstråling."),
    ("soap", "korsrygg", "Korsryggsmerter etter løft i går. Ingen nummenhet. SLR negativ bilateralt."),
    ("letter", "skulder", "Henvisning: skuldersmerter høyre side, nedsatt abduksjon."),
    ("message", "nakke", "Pasienten spør om ny time neste uke."),
]
CANDIDATE = ["S: Nakkesmerter i tre uker. O: Nedsatt rotasjon. A: Mekaniske nakkesmerter (L83). P: Behandling.",
             "S: Korsryggsmerter etter løft. O: SLR negativ. A: Lumbago (L03). P: Øvelser.",
             "Henvisning for skuldersmerter høyre side med nedsatt abduksjon.",
             "Hei! Ring oss på 22 33 44 55 for ny time."]
BASELINE = ["Pasienten har vondt i nakken.", "Vondt i ryggen.", "Skulder vondt.", "Ny time ok."]


def make_packet(reg: Registry, tmp_path, *, name: str = "packet.xlsx", blind: bool = True):
    """Register the models (once) and export a blind A/B packet of the four cases above."""
    if not reg.db["models"].count_where("name = ?", ["chiro-no-v2"]):
        make_models(reg, tmp_path)
    items = [ReviewItem(f"test:{i:04d}", d, r, inp, CANDIDATE[i], BASELINE[i] if blind else None)
             for i, (d, r, inp) in enumerate(INPUTS)]
    return export_packet(reg, "chiro-no-v2", items, tmp_path / name, blind=blind,
                         baseline="chiro-no-base" if blind else None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def http(url: str, form: dict | None = None) -> tuple[int, str, str]:
    """``(status, Location, body)`` of one request (redirects not followed)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with OPENER.open(url, data=data, timeout=30) as r:
            return r.status, r.headers.get("Location", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read().decode()


def hidden(body: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body))


ANSWERS = {"correctA": "ja", "hallucinationA": "nei", "languageA": "ok", "correctB": "ja",
           "hallucinationB": "nei", "languageB": "ok", "preferred": "A", "comment": ""}


@pytest.fixture
def served(tmp_path):
    """A server on a fresh blind packet; yields ``(server, base url, log lines, packet)``."""
    from gate.review.serve import make_server

    reg = Registry()
    res = make_packet(reg, tmp_path)
    lines: list[str] = []
    server = make_server(reg, res.packet.packet_id, "Dr. Hansen", log=lines.append).start()
    try:
        yield server, f"http://127.0.0.1:{server.port}", lines, res.packet
    finally:
        server.close()
        reg.close()


def judgements(packet_id: str) -> list[dict]:
    with Registry() as reg:
        return list(reg.db.query("SELECT * FROM review_judgements WHERE packet_id = ?", [packet_id]))


def test_token_is_required_and_loopback_only(served):
    server, base, _, _ = served
    assert server.httpd.server_address[0] == "127.0.0.1"
    assert http(base + "/")[0] == 403
    assert http(base + "/?t=wrong")[0] == 403
    status, loc, _ = http(server.url)
    assert status == 303 and loc.startswith("/case/0?t=")


def test_judgement_recorded_and_replay_refused(served):
    server, base, lines, packet = served
    t = server.app.token
    status, _, body = http(f"{base}/case/0?t={t}")
    case_id = hidden(body)["case_id"]
    assert status == 200 and INPUTS[int(case_id[5:])][2] in body and "Svar A" in body and "Svar B" in body
    form = {**hidden(body), **ANSWERS}
    status, loc, _ = http(base + "/judge", form)
    assert status == 303 and loc == f"/case/1?t={t}"
    status, _, body = http(base + "/judge", form)  # the same form again: a replayed submission
    assert status == 409 and "replayed" in body
    assert len(judgements(packet.packet_id)) == 1
    # The server log names method, path and status only: no token, no case text.
    log = "\n".join(lines)
    assert t not in log and "POST /judge 409" in log
    assert not any(text[:20] in log for *_, text in INPUTS) and not any(c[:20] in log for c in CANDIDATE)


def test_tampered_case_id_and_other_packet_refused(served, tmp_path):
    server, base, _, packet = served
    t = server.app.token
    body = http(f"{base}/case/0?t={t}")[2]
    form = {**hidden(body), **ANSWERS}
    other_case = next(c["id"] for c in packet.cases if c["id"] != form["case_id"])
    status, _, msg = http(base + "/judge", {**form, "case_id": other_case})  # in the packet, another screen's
    assert status == 400 and "tampered case id" in msg
    status, _, msg = http(base + "/judge", {**form, "case_id": "test:9999"})  # not in the packet
    assert status == 400 and "not in this packet" in msg
    with Registry() as reg:
        other = make_packet(reg, tmp_path, name="other.xlsx").packet.packet_id
    body = http(f"{base}/case/1?t={t}")[2]
    status, _, msg = http(base + "/judge", {**hidden(body), **ANSWERS, "packet_id": other})
    assert status == 409 and "another packet" in msg
    status, _, msg = http(base + "/judge", {**hidden(body), **ANSWERS, "preferred": "C"})
    assert status == 400 and "not one of" in msg
    assert judgements(packet.packet_id) == [] and judgements(other) == []


def test_browser_signoff_then_xlsx_import_is_one_review(served):
    from gate.review.importer import import_packet
    from registry.errors import DuplicateError
    from registry.signoffs import signoffs

    server, base, _, packet = served
    t = server.app.token
    for i in range(4):
        body = http(f"{base}/case/{i}?t={t}")[2]
        assert http(base + "/judge", {**hidden(body), **ANSWERS})[0] == 303
    body = http(f"{base}/signoff?t={t}")[2]
    assert http(base + "/signoff", {**hidden(body), "reviewer": "Dr. Hansen"})[0] == 303
    with Registry() as reg:
        [s] = signoffs(reg, "chiro-no-v2")
        assert s.packet_id == packet.packet_id and s.details["source"] == "browser"
        assert s.details["artifact_sha256"] == packet.artifact_sha256 == reg.latest_artifact("chiro-no-v2",
                                                                                              "gguf").sha256
        # Same reviewer, same packet, the offline workbook: refused, it is the same review.
        with pytest.raises(DuplicateError):
            import_packet(reg, fill(packet_path(reg, packet), server.app.view.packet.meta["file"] + ".filled.xlsx"),
                          "Dr. Hansen")
    status, _, body = http(f"{base}/done?t={t}")
    assert status == 200 and 'id="unblind"' in body


def fill(xlsx, name: str):
    """A copy of the packet workbook ``xlsx`` with every choice cell answered as ``ANSWERS``."""
    from openpyxl import load_workbook

    from gate.review.importer import read_packet_id
    from gate.review.layout import column_letter, columns

    import shutil

    with Registry() as reg:
        home = Path(reg.home)
    src = home / f"blank-{name}"  # an .xlsx name: the store's copy has none
    shutil.copyfile(xlsx, src)
    wb, pid = read_packet_id(src)
    with Registry() as reg:
        from registry.signoffs import get_packet

        packet = get_packet(reg, pid)
    wb = load_workbook(src)
    for case in packet.cases:
        ws = wb[case["sheet"]]
        for j, col in enumerate(columns(True)):
            if col.kind == "choice":
                ws[f"{column_letter(j)}{case['row']}"] = ANSWERS[col.key]
    out = home / name
    wb.save(out)
    return out


def packet_path(reg, packet):
    """The stored copy of the exported workbook (what a reviewer would fill in)."""
    art = [a for a in reg.artifacts("chiro-no-v2", "review-packet") if a.sha256 == packet.sha256][-1]
    return reg.artifact_path(art)


def test_xlsx_import_records_judgements_and_closes_the_browser_review(tmp_path):
    """A workbook filled offline: its answers become judgements and the browser session shows it signed."""
    from gate.review import ReviewConfig
    from gate.review.importer import import_packet
    from gate.review.serve import make_server

    with Registry() as reg:
        res = make_packet(reg, tmp_path)
        filled = fill(res.xlsx, "filled.xlsx")
        o = import_packet(reg, filled, "Dr. Hansen", config=ReviewConfig(min_cases=1))
        assert o.approved and o.n_reviewed == 4
        server = make_server(reg, str(res.xlsx), "Dr. Hansen").start()
        try:
            status, loc, _ = http(server.url)
            assert status == 303 and loc.startswith("/done")
            body = http(f"http://127.0.0.1:{server.port}/case/0?t={server.app.token}")
            assert body[0] == 303  # no judging a signed review
        finally:
            server.close()
    rows = judgements(res.packet.packet_id)
    assert len(rows) == 4 and {r["source"] for r in rows} == {"xlsx"}


def test_judgements_table_schema():
    with Registry() as reg:
        cols = {c.name for c in reg.db["review_judgements"].columns}
    assert cols == {"id", "packet_id", "case_id", "reviewer", "answers", "findings", "source", "nonce", "created_at"}


def test_serve_cli_refuses_unknown_packet(cli):
    from helpers import assert_clean_error

    assert_clean_error(cli("review", "serve", "rp-nope", "--reviewer", "X"), "rp-nope")
    assert_clean_error(cli("review", "serve", "nope", "--reviewer", "X"), "neither a review packet id")


def test_gate_findings_are_marked_and_their_verdicts_recorded(served):
    """The hallucination scorer flags 'Nedsatt rotasjon' (not in the input) and the PII scanner the phone
    number; the clinician's confirm/reject is stored with the judgement; a made-up finding id is refused."""
    server, base, _, packet = served
    t = server.app.token
    ids = [c.case_id for c in server.app.view.cases]
    body = http(f"{base}/case/{ids.index('test:0003')}?t={t}")[2]
    assert "PII:TELEFON" in body and ">22 33 44 55</mark>" in body
    body = http(f"{base}/case/{ids.index('test:0000')}?t={t}")[2]
    [fid] = re.findall(r'<mark data-finding="([^"]+)">Nedsatt rotasjon</mark>', body)
    assert "hallusinasjon:exam" in body
    form = {**hidden(body), **ANSWERS}
    assert http(base + "/judge", {**form, "f:B:0-5": "rejected"})[0] == 400  # no such finding on this case
    body = http(f"{base}/case/{ids.index('test:0000')}?t={t}")[2]
    assert http(base + "/judge", {**hidden(body), **ANSWERS, f"f:{fid}": "rejected"})[0] == 303
    [row] = judgements(packet.packet_id)
    assert row["findings"] == '{"%s": "rejected"}' % fid


def test_serve_cli_exports_a_packet_for_a_model_and_serves_it(tmp_path, packet_setup):
    """`review serve MODEL` makes the packet exactly as `review export` does, then serves it on loopback."""
    import subprocess
    import sys

    out = tmp_path / "p.xlsx"
    proc = subprocess.Popen([sys.executable, "-m", "gate", "review", "serve", "chiro-no-v2", "--blind-ab", "--n", "6",
                             "--cases", str(packet_setup), "--backend", "replay", "--port", "0", "--out", str(out),
                             "--reviewer", "Dr. Hansen"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path)
    try:
        lines = []
        for line in proc.stdout:  # blocks until the server has printed its URL
            lines.append(line)
            if line.startswith("http://"):
                break
        url = lines[-1].strip()
        assert lines[0].startswith("review packet rp-") and out.is_file()
        assert url.startswith("http://127.0.0.1:") and "?t=" in url
        status, loc, _ = http(url)
        assert status == 303 and loc.startswith("/case/0?t=")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    token = url.split("?t=")[1]
    assert "GET / 303" in err and token not in err
    with Registry() as reg:
        from gate.review.importer import read_packet_id
        from registry.signoffs import get_packet

        packet = get_packet(reg, read_packet_id(out)[1])
    assert packet.blind_key and len(packet.cases) == 6 and packet.meta["baseline"] == "chiro-no-base"


def test_one_model_packet_is_judged_and_signed(tmp_path):
    """A packet without A/B: one output per screen, three choices, the same sign-off rule."""
    from gate.review import ReviewConfig
    from gate.review.serve import make_server
    from registry.signoffs import signoffs

    with Registry() as reg:
        res = make_packet(reg, tmp_path, blind=False)
        server = make_server(reg, res.packet.packet_id, "Dr. Hansen", config=ReviewConfig(min_cases=4)).start()
        base, t = f"http://127.0.0.1:{server.port}", server.app.token
        try:
            for i in range(4):
                body = http(f"{base}/case/{i}?t={t}")[2]
                assert "Svar B" not in body and 'name="preferred"' not in body
                answers = {"correct": "nei" if i == 0 else "ja", "hallucination": "nei", "language": "ok"}
                assert http(base + "/judge", {**hidden(body), **answers})[0] == 303
            body = http(f"{base}/signoff?t={t}")[2]
            assert http(base + "/signoff", {**hidden(body), "reviewer": "Someone Else"})[0] == 400
            body = http(f"{base}/signoff?t={t}")[2]
            assert http(base + "/signoff", {**hidden(body), "reviewer": "Dr. Hansen"})[0] == 303
        finally:
            server.close()
        [s] = signoffs(reg, "chiro-no-v2")
    assert s.n_reviewed == 4 and s.approved_share == 0.75 and s.approved is False  # 75 % < 90 %
