"""``chirogate review serve``: the clinician's review in the browser, on loopback, one case per screen.

The app serves one recorded packet (the same packet, sampling and GGUF binding the xlsx
export makes). It listens on 127.0.0.1 only and every request must carry the session's
random token. Every form also carries the packet id, the case id and a one-time nonce
issued with the page: a tampered case id, a judgement on another packet, and a replayed
submission are refused (400/409) and nothing is recorded. Each judgement is written to
the registry when it is made (:mod:`registry.judgements`), so the review resumes after a
closed browser or a crash. The sign-off goes through the same rule and the same record
as ``chirogate review import``; the blind key is shown only after it. The server log
names method, path and status only: never a query string (the token), form or case text.
"""

from __future__ import annotations

import hmac
import secrets
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from registry import Registry
from registry.errors import ChirogateError, DuplicateError
from registry.judgements import current_judgements, record_judgement
from registry.signoffs import signoffs

from ..errors import InputError
from . import ReviewConfig
from .layout import columns
from .packet_view import PacketView, load_packet_view, resolve_packet

LOOPBACK = "127.0.0.1"
MAX_FORM_BYTES = 64 * 1024


class Refused(Exception):
    """A request the app refuses; ``status`` is the HTTP status, the message names the reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class ReviewApp:
    """The state of one review session: the packet, the reviewer, the token and the issued nonces."""

    reg: Registry
    view: PacketView
    reviewer: str
    config: ReviewConfig
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    nonces: dict[str, str] = field(default_factory=dict)
    """Issued, not yet used nonce -> the case id it was issued for (``""``: the sign-off form)."""
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr)

    # -- checks ----------------------------------------------------------------------------------

    def check_token(self, given: str | None) -> None:
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise Refused(HTTPStatus.FORBIDDEN, "missing or wrong session token (open the URL the server printed)")

    def issue_nonce(self, case_id: str) -> str:
        nonce = secrets.token_urlsafe(16)
        self.nonces[nonce] = case_id
        return nonce

    def take_nonce(self, nonce: str | None, case_id: str) -> str:
        """Use up ``nonce``: refused when unknown (replayed or forged) or issued for another case."""
        if not nonce or nonce not in self.nonces:
            raise Refused(HTTPStatus.CONFLICT, "this form was already submitted or was not issued by this session "
                                               "(a replayed submission): reload the page")
        if self.nonces[nonce] != case_id:
            raise Refused(HTTPStatus.BAD_REQUEST, "the form's case id does not match the case it was issued for "
                                                  "(a tampered case id)")
        del self.nonces[nonce]
        return nonce

    def check_packet(self, packet_id: str | None) -> None:
        if packet_id != self.view.packet.packet_id:
            raise Refused(HTTPStatus.CONFLICT, "the form is for another packet than the one this session serves")

    # -- state -----------------------------------------------------------------------------------

    def judgements(self):
        return current_judgements(self.reg, self.view.packet.packet_id, self.reviewer)

    def signed(self):
        mine = [s for s in signoffs(self.reg, self.view.packet.model)
                if s.packet_id == self.view.packet.packet_id and s.reviewer == self.reviewer]
        return mine[-1] if mine else None

    def missing(self) -> list[tuple[int, str]]:
        done = self.judgements()
        return [(i, c.case_id) for i, c in enumerate(self.view.cases) if c.case_id not in done]

    @property
    def url(self) -> str:
        return f"/?t={self.token}"

    # -- requests --------------------------------------------------------------------------------

    def get(self, path: str, query: dict[str, str]) -> tuple[int, str, str]:
        """``(status, location or "", html)`` for a GET."""
        from . import pages

        self.check_token(query.get("t"))
        n = len(self.view.cases)
        if path == "/":
            if self.signed():
                return HTTPStatus.SEE_OTHER, f"/done?t={self.token}", ""
            missing = self.missing()
            return HTTPStatus.SEE_OTHER, (f"/case/{missing[0][0]}?t={self.token}" if missing
                                          else f"/signoff?t={self.token}"), ""
        if path.startswith("/case/"):
            try:
                i = int(path[len("/case/"):])
            except ValueError:
                raise Refused(HTTPStatus.NOT_FOUND, "no such case screen") from None
            if not 0 <= i < n:
                raise Refused(HTTPStatus.NOT_FOUND, "no such case screen")
            if self.signed():
                return HTTPStatus.SEE_OTHER, f"/done?t={self.token}", ""
            c = self.view.cases[i]
            j = self.judgements()
            mine = j.get(c.case_id)
            return HTTPStatus.OK, "", pages.case_page(
                self.view, i, token=self.token, nonce=self.issue_nonce(c.case_id),
                answers=mine.answers if mine else {}, findings=mine.findings if mine else {}, judged=len(j))
        if path == "/signoff":
            if self.signed():
                return HTTPStatus.SEE_OTHER, f"/done?t={self.token}", ""
            return HTTPStatus.OK, "", pages.signoff_page(
                self.view, token=self.token, nonce=self.issue_nonce(""), reviewer=self.reviewer,
                missing=self.missing(), min_cases=self.config.min_cases, min_share=self.config.min_correct_share)
        if path == "/done":
            s = self.signed()
            if s is None:
                raise Refused(HTTPStatus.CONFLICT, "the packet is not signed yet")
            from dataclasses import replace

            return HTTPStatus.OK, "", pages.result_page(self.view, replace(self.outcome(record=False), signoff=s),
                                                        unblind=dict(sorted(self.view.packet.blind_key.items())))
        raise Refused(HTTPStatus.NOT_FOUND, "no such page")

    def post(self, path: str, form: dict[str, str]) -> str:
        """Handle a form; returns where to go next (303)."""
        self.check_token(form.get("t"))
        self.check_packet(form.get("packet_id"))
        if path == "/judge":
            return self._judge(form)
        if path == "/signoff":
            return self._signoff(form)
        raise Refused(HTTPStatus.NOT_FOUND, "no such form")

    def _judge(self, form: dict[str, str]) -> str:
        case_id = form.get("case_id") or ""
        index = next((i for i, c in enumerate(self.view.cases) if c.case_id == case_id), None)
        if index is None:
            raise Refused(HTTPStatus.BAD_REQUEST, "the form's case id is not in this packet (a tampered case id)")
        nonce = self.take_nonce(form.get("nonce"), case_id)
        answers: dict[str, str] = {}
        missing = []
        for col in columns(self.view.blind):
            if col.kind == "choice":
                v = form.get(col.key)
                if v is None or v == "":
                    missing.append(col.header)
                elif v not in col.choices:
                    raise Refused(HTTPStatus.BAD_REQUEST, f"'{col.header}': not one of {', '.join(col.choices)}")
                else:
                    answers[col.key] = v
            elif col.kind == "text":
                answers[col.key] = (form.get(col.key) or "").strip()[:2000]
        if missing:
            # The nonce was used up; the page is shown again with a fresh one and what is missing.
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, "choose a value for: " + ", ".join(missing))
        known = {f.id for f in self.view.cases[index].findings}
        findings = {}
        for k, v in form.items():
            if k.startswith("f:"):
                fid = k[2:]
                if fid not in known or v not in ("confirmed", "rejected"):
                    raise Refused(HTTPStatus.BAD_REQUEST, "a finding verdict names a finding not on this case")
                findings[fid] = v
        try:
            record_judgement(self.reg, packet_id=self.view.packet.packet_id, case_id=case_id, reviewer=self.reviewer,
                             answers=answers, findings=findings, source="browser", nonce=nonce)
        except DuplicateError as exc:
            raise Refused(HTTPStatus.CONFLICT, str(exc)) from None
        self.log(f"judgement recorded: packet {self.view.packet.packet_id}, case #{index + 1}")
        nxt = next((i for i, c in enumerate(self.view.cases) if i > index and c.case_id not in self.judgements()),
                   None)
        if nxt is None and self.missing():
            nxt = self.missing()[0][0]
        return f"/case/{nxt}?t={self.token}" if nxt is not None else f"/signoff?t={self.token}"

    def _signoff(self, form: dict[str, str]) -> str:
        self.take_nonce(form.get("nonce"), "")
        if (form.get("reviewer") or "").strip() != self.reviewer:
            raise Refused(HTTPStatus.BAD_REQUEST, "type your reviewer name exactly as the session was started with")
        if self.missing():
            raise Refused(HTTPStatus.CONFLICT, f"{len(self.missing())} case(s) are not judged yet")
        try:
            o = self.outcome(record=True)
        except DuplicateError as exc:  # signed already, here or from a workbook
            raise Refused(HTTPStatus.CONFLICT, str(exc)) from None
        self.log(f"sign-off {o.signoff.id} recorded: packet {o.packet_id}, approved={o.approved}")
        return f"/done?t={self.token}"

    def outcome(self, *, record: bool):
        """The review's outcome from the recorded judgements, by the same rule as the xlsx import."""
        from .importer import signoff_from_answers

        answers = {cid: dict(j.answers) for cid, j in self.judgements().items()}
        return signoff_from_answers(self.reg, self.view.packet, answers, self.reviewer, self.config, record=record)


def _handler(app: ReviewApp):
    from . import pages

    class Handler(BaseHTTPRequestHandler):
        server_version = "chirogate-review"
        sys_version = ""

        def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
            pass  # every line would carry the token in the path; see log_request

        def log_request(self, code="-", size="-"):
            app.log(f"{self.command} {urlsplit(self.path).path} {code}")

        def _send(self, status: int, body: str = "", location: str = "") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Frame-Options", "DENY")
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                             "form-action 'self'; frame-ancestors 'none'")
            self.end_headers()
            self.wfile.write(data)

        def _refused(self, status: int, message: str) -> None:
            self._send(status, pages.error_page(status, message))

        def do_GET(self):  # noqa: N802 - the stdlib's name
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            try:
                status, location, body = app.get(parts.path, query)
            except Refused as r:
                return self._refused(r.status, str(r))
            except ChirogateError as exc:
                return self._refused(HTTPStatus.BAD_REQUEST, str(exc))
            self._send(status, body, location)

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_FORM_BYTES:
                return self._refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "form too large")
            raw = self.rfile.read(length).decode("utf-8", "replace")
            form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
            path = urlsplit(self.path).path
            try:
                location = app.post(path, form)
            except Refused as r:
                if r.status == HTTPStatus.UNPROCESSABLE_ENTITY and path == "/judge":
                    return self._refused(r.status, str(r) + " (go back and complete the case)")
                return self._refused(r.status, str(r))
            except ChirogateError as exc:
                return self._refused(HTTPStatus.BAD_REQUEST, str(exc))
            self._send(HTTPStatus.SEE_OTHER, "", location)

    return Handler


class ReviewServer:
    """The review app on ``127.0.0.1:port`` (port 0: any free port)."""

    def __init__(self, app: ReviewApp, port: int = 0):
        self.app = app
        self.httpd = HTTPServer((LOOPBACK, port), _handler(app))
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The session URL, token included (print it to the reviewer only)."""
        return f"http://{LOOPBACK}:{self.port}{self.app.url}"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start(self) -> "ReviewServer":
        """Serve in a background thread (tests, and the CLI's browser opener)."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="chirogate-review", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join()


def make_server(reg: Registry, packet_ref: str, reviewer: str, *, port: int = 0, config: ReviewConfig | None = None,
                log: Callable[[str], None] | None = None) -> ReviewServer:
    """A review server for packet ``packet_ref`` (packet id or packet .xlsx path) judged by ``reviewer``."""
    if not reviewer or not reviewer.strip():
        raise InputError("--reviewer NAME is required (who judges and signs the packet)")
    packet = resolve_packet(reg, packet_ref)
    view = load_packet_view(reg, packet)
    app = ReviewApp(reg, view, reviewer.strip(), config or ReviewConfig())
    if log is not None:
        app.log = log
    try:
        return ReviewServer(app, port)
    except OSError as exc:
        raise InputError(f"--port {port}: cannot listen on {LOOPBACK}:{port} ({exc.strerror})") from None


__all__ = ["ReviewApp", "ReviewServer", "Refused", "make_server"]
