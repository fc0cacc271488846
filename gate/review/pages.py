"""HTML of the browser review: one case per screen, the sign-off page and the unblinded result.

Pages are plain server-rendered HTML with one small script (``static/review.js``) for
the keys; every form carries the session token, the packet id, the case id and a
one-time nonce, which :mod:`gate.review.serve` checks. Text from the packet is always
escaped; personal data the scanner found is marked and can be confirmed or rejected.
"""

from __future__ import annotations

import html
from importlib import resources

from .layout import columns
from .packet_view import CaseView, PacketView

#: Keys per choice column: (key for the first choice, key for the second, [third]).
KEYS = {"correct": "qa", "hallucination": "ws", "language": "ed"}
KEYS_B = {"correct": "rf", "hallucination": "tg", "language": "yh"}
PREFERRED_KEYS = "123"

CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f4;color:#222}
header{background:#1f3a5f;color:#fff;padding:.5em 1em;display:flex;gap:2em;align-items:center}
header .progress{flex:1} progress{width:100%;height:1em}
main{padding:1em 1.5em;max-width:1400px;margin:auto}
.io{display:grid;gap:1em} .io.two{grid-template-columns:1fr 1fr}
.box{background:#fff;border:1px solid #ccc;border-radius:6px;padding:.8em;white-space:pre-wrap}
.box h3{margin:.1em 0 .5em;font-size:1em;color:#1f3a5f}
mark{background:#fff2cc;color:#c00000;font-weight:bold}
fieldset{border:1px solid #ccc;border-radius:6px;margin:.5em 0;background:#fff}
.choices{display:flex;flex-wrap:wrap;gap:1em} kbd{border:1px solid #999;border-radius:3px;padding:0 .3em;
background:#eee;font-size:.85em} .nav{margin:1em 0;display:flex;gap:1em;align-items:center}
.done{color:#2e7d32} .todo{color:#b26a00} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.3em .6em}
.error{background:#fdecea;border:1px solid #c00;padding:1em}
"""


def _script() -> str:
    return resources.files("gate.review").joinpath("static/review.js").read_text("utf-8")


def page(title: str, body: str, header: str = "") -> str:
    """A whole page: no external resource (works on a machine without network)."""
    return ("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
            f"<header><b>chirogate · klinisk gjennomgang</b>{header}</header><main>{body}</main>"
            f"<script>{_script()}</script></body></html>")


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    parts, pos = [], 0
    for s, e, fid in sorted(spans):
        if s < pos:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append(f'<mark data-finding="{html.escape(fid)}">{html.escape(text[s:e])}</mark>')
        pos = e
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def _hidden(**fields: str) -> str:
    return "".join(f'<input type="hidden" name="{k}" value="{html.escape(str(v))}">' for k, v in fields.items())


def case_page(view: PacketView, index: int, *, token: str, nonce: str, answers: dict[str, str],
              findings: dict[str, str], judged: int) -> str:
    """The screen for case ``index`` (0-based): input, output(s), findings, choices, progress, navigation."""
    c: CaseView = view.cases[index]
    n = len(view.cases)
    blind = view.blind
    labels = ("A", "B") if blind else ("",)
    outs = []
    for lab, text in zip(labels, c.outputs):
        spans = [(f.start, f.end, f.id) for f in c.findings if f.label == (lab or "-")]
        title = f"Svar {lab}" if blind else "Utdata"
        outs.append(f'<div class="box output" id="output{lab or "-"}"><h3>{title}</h3>{_marked(text, spans)}</div>')
    fields = []
    for lab in labels:
        keys = KEYS_B if lab == "B" else KEYS
        for col in [col for col in columns(blind) if col.kind == "choice" and col.key.endswith(lab)
                    and col.key != "preferred"]:
            base = col.key[: len(col.key) - len(lab)] if lab else col.key
            opts = []
            for choice, key in zip(col.choices, keys[base]):
                checked = " checked" if answers.get(col.key) == choice else ""
                # required: the browser itself stops a save with a choice missing (the server checks too).
                opts.append(f'<label><input type="radio" name="{col.key}" value="{html.escape(choice)}" '
                            f'data-key="{key}" required{checked}> {html.escape(choice)} <kbd>{key}</kbd></label>')
            fields.append(f'<fieldset><legend>{html.escape(col.header)}</legend><div class="choices">'
                          + "".join(opts) + "</div></fieldset>")
    if blind:
        opts = []
        for choice, key in zip(("A", "B", "lik"), PREFERRED_KEYS):
            checked = " checked" if answers.get("preferred") == choice else ""
            opts.append(f'<label><input type="radio" name="preferred" value="{choice}" data-key="{key}" required{checked}> '
                        f'{choice} <kbd>{key}</kbd></label>')
        fields.append('<fieldset><legend>foretrukket</legend><div class="choices">' + "".join(opts)
                      + "</div></fieldset>")
    if c.findings:
        rows = []
        for f in c.findings:
            text = c.outputs[0 if f.label in ("A", "-") else 1][f.start:f.end]
            radios = "".join(
                f'<label><input class="finding" type="radio" name="f:{html.escape(f.id)}" value="{v}"'
                f'{" checked" if findings.get(f.id) == v else ""}> {lbl}</label> '
                for v, lbl in (("confirmed", "riktig funn"), ("rejected", "feil funn")))
            rows.append(f"<tr><td>{html.escape(f.label)}</td><td><mark>{html.escape(text)}</mark></td>"
                        f"<td>{html.escape(f.kind)}</td><td>{radios}</td></tr>")
        fields.append('<fieldset><legend>Funn gaten markerte (<kbd>c</kbd> alle riktige, <kbd>v</kbd> alle feil)'
                      '</legend><table><tr><th>svar</th><th>tekst</th><th>type</th><th>vurdering</th></tr>'
                      + "".join(rows) + "</table></fieldset>")
    comment = html.escape(answers.get("comment", ""))
    fields.append(f'<fieldset><legend>kommentar (<kbd>k</kbd>; ingen pasientopplysninger)</legend>'
                  f'<textarea id="comment" name="comment" rows="2" cols="80">{comment}</textarea></fieldset>')
    prev = (f'<a id="prev" href="/case/{index - 1}?t={token}">← forrige</a>' if index > 0 else "")
    nxt = (f'<a id="next" href="/case/{index + 1}?t={token}">neste →</a>' if index + 1 < n
           else f'<a id="next" href="/signoff?t={token}">signering →</a>')
    body = (f'<p><b id="case-id">{html.escape(c.case_id)}</b> · {html.escape(c.doc_type)} · {html.escape(c.region)}'
            f" · tilfelle {index + 1} av {n}</p>"
            f'<div class="box" id="input"><h3>Inndata</h3>{html.escape(c.input)}</div>'
            f'<div class="io{" two" if blind else ""}">{"".join(outs)}</div>'
            f'<form id="judge" method="post" action="/judge">'
            + _hidden(t=token, packet_id=view.packet.packet_id, case_id=c.case_id, nonce=nonce)
            + "".join(fields)
            + f'<div class="nav">{prev}<button type="submit">Lagre og neste <kbd>Enter</kbd></button>{nxt}</div>'
            "</form>")
    header = (f'<span class="progress" id="progress">{judged} av {n} vurdert '
              f'<progress max="{n}" value="{judged}"></progress></span>'
              f"<span>pakke {html.escape(view.packet.packet_id)}</span>")
    return page(f"{c.case_id} – gjennomgang", body, header)


def signoff_page(view: PacketView, *, token: str, nonce: str, reviewer: str, missing: list[tuple[int, str]],
                 min_cases: int, min_share: float) -> str:
    """Sign-off: lists cases still unjudged; when none, asks the reviewer to type their name to sign."""
    n = len(view.cases)
    if missing:
        items = "".join(f'<li><a href="/case/{i}?t={token}">{html.escape(cid)}</a></li>' for i, cid in missing)
        body = (f'<h2 class="todo">{len(missing)} av {n} tilfeller er ikke vurdert ennå</h2>'
                f"<p>Alle tilfeller må vurderes før signering.</p><ul>{items}</ul>")
    else:
        body = (f'<h2 class="done">Alle {n} tilfeller er vurdert</h2>'
                f"<p>Godkjenning krever minst {min_share:.0%} klinisk korrekte på minst {min_cases} tilfeller. "
                "Hvilken modell som var A og B vises etter signering.</p>"
                '<form id="signoff" method="post" action="/signoff">'
                + _hidden(t=token, packet_id=view.packet.packet_id, nonce=nonce)
                + f'<label>Skriv navnet ditt for å signere ({html.escape(reviewer)}): '
                  '<input id="reviewer" name="reviewer" autocomplete="off"></label> '
                  '<button id="sign" type="submit">Signer</button></form>')
    return page("Signering", body, f'<span class="progress" id="progress">{n - len(missing)} av {n} vurdert</span>')


def result_page(view: PacketView, outcome, *, unblind: dict[str, str]) -> str:
    """After sign-off: the outcome and, for a blind A/B packet, which answer was the candidate's."""
    verdict = "GODKJENT" if outcome.approved else "IKKE godkjent"
    rows = "".join(f"<tr><td>{html.escape(cid)}</td><td>{html.escape(lab)}</td></tr>" for cid, lab in unblind.items())
    pref = ""
    if outcome.preference:
        p = outcome.preference
        pref = (f"<p id=\"preference\">Foretrukket: kandidat {p['candidate']}, baseline {p['baseline']}, "
                f"lik {p['tie']}</p>")
    body = (f'<h2 id="verdict">Signert av {html.escape(outcome.reviewer)}: {verdict}</h2>'
            f"<p>{outcome.approved_share:.1%} klinisk korrekte på {outcome.n_reviewed} tilfeller "
            f"(signering {outcome.signoff.id if outcome.signoff else '–'}).</p>{pref}"
            + (f'<h3>Avblinding: kandidatens svar</h3><table id="unblind"><tr><th>tilfelle</th><th>kandidat</th></tr>'
               f"{rows}</table>" if unblind else ""))
    return page("Signert", body)


def error_page(status: int, message: str) -> str:
    """A refused request: the reason only (never case text)."""
    return page(f"{status}", f'<div class="error" id="error"><h2>{status}</h2><p>{html.escape(message)}</p></div>')
