"""check --format html and extract --format html: the draft itself, every figure marked where it
stands, as one HTML file an editor opens from a mail attachment.

Editors read the draft, not a table of clauses cut out of it: the report keeps the text as
written (paragraphs and line breaks), marks each figure by its verdict with a colour *and* a
symbol and underline style (so it reads in black and white and in print), and opens the record
behind a figure on hover, focus or a tap. Everything the page needs is inside it (style and a
small script): no network, so it opens offline and leaks nothing about who reads it.

Every piece of text from the draft or the fact base goes through ``_text`` (control and bidi
characters made visible, then ``html.escape``), and only http and https URLs become links: a
draft holding ``<script>`` or a fact whose source says ``javascript:`` shows them as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from xmfacts.figures.printing import difference_unit, printed, ratio_text, signed
from xmfacts.model import BaseUnit, Fact, Kind
from xmfacts.present.escape import visible

if TYPE_CHECKING:
    from xmfacts.check import Finding
    from xmfacts.extract import Candidate, Extraction

_HERE = Path(__file__).parent

# Verdict → (symbol, what an editor should make of it). The symbol carries the verdict where
# colour cannot: a black-and-white printout, a colour-blind reader, a screen reader.
VERDICTS: dict[str, tuple[str, str]] = {
    "mismatch": ("✗", "contradicts the record"),
    "outdated": ("↺", "an earlier period than the record's"),
    "consistent": ("≈", "fits the record without stating it"),
    "match": ("✓", "states the recorded figure"),
    "unknown": ("?", "nothing on record to compare with"),
    "new": ("+", "not on record: a candidate fact"),
}

# Format characters that reorder what is shown (U+202E turns "07" into "70" on screen) or hide
# between letters: shown as their code, like control characters, never obeyed.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PARAGRAPH_BREAK = re.compile(r"\r?\n(?:[ \t]*\r?\n)+")


@dataclass(frozen=True)
class ReportInfo:
    """What the header says about a run: which draft, when, against which fact base."""

    name: str  # the draft's file name, or "claims" / "standard input"
    checked_at: str  # ISO 8601 UTC, e.g. 2026-12-07T06:30:00Z
    fact_base: str  # its path, and how it was found


@dataclass(frozen=True)
class _Mark:
    """One marked figure: where it stands and the card that opens on it."""

    n: int  # 1-based; its element's id is f{n}
    start: int
    end: int
    line: int
    verdict: str
    fact_id: str
    card: str  # HTML, escaped
    recorded: str  # for the findings table, escaped
    detail: str  # difference or suggested id, escaped


def _text(text: str) -> str:
    """Data text as HTML text: line ends kept, controls and bidi marks shown as codes, escaped."""
    shown = visible(text.replace("\r\n", "\n"))
    shown = _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)
    return html.escape(shown, quote=True)


def safe_url(url: str) -> str | None:
    """The URL if it may become a link: http or https with a host, nothing hidden in it."""
    if not url or any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def _row(label: str, value_html: str) -> str:
    return f'<span class="row"><b>{label}</b> {value_html}</span>' if value_html else ""


def _source(fact: Fact) -> str:
    s = fact.source
    parts = [_text(x) for x in (s.title, s.outlet, s.published) if x]
    link = safe_url(s.url)
    if link:
        parts.append(f'<a href="{html.escape(link, quote=True)}" rel="noopener noreferrer">{_text(link)}</a>')
    elif s.url:
        parts.append(f"(not a web link: {_text(s.url)})")
    return " — ".join(parts)


def _recorded(fact: Fact) -> str:
    """68家 (exact): the figure as the record prints it, with its hedge."""
    hedge = "" if fact.figure.kind is Kind.DATE else f" ({fact.figure.qualifier.value})"
    return _text(printed(fact.figure)) + hedge


def _record_rows(fact: Fact) -> list[str]:
    period = fact.as_of or (f"{fact.source.published} (the source's date)" if fact.source.published else "")
    label = " / ".join(_text(x) for x in (fact.label, fact.label_en) if x)
    return [
        _row("Recorded", _recorded(fact)),
        _row("Period", _text(period) if period else "not given"),
        _row("Fact", f"<code>{_text(fact.full_id)}</code> {label}"),
        _row("Citation", f"<q>{_text(fact.quote)}</q>"),
        _row("Source", _source(fact)),
        _row("Note", _text(fact.note)) if fact.note else "",
    ]


def _difference(f: Finding) -> str:
    """+2家 ×1.029: the difference in the record's unit, and the ratio, for a mismatch."""
    if f.fact is None or f.difference is None or f.verdict.value not in ("mismatch", "outdated"):
        return ""  # a match's 0 and ×1 say nothing an editor needs
    fig = f.fact.figure
    if fig.base_unit in (BaseUnit.PERCENT, BaseUnit.PERCENTAGE_POINT):
        diff = f"{signed(f.difference)} {difference_unit(fig.base_unit)}"
    else:
        diff = signed(f.difference / Decimal(fig.scale or 1)) + (fig.unit or "")
    ratio = f" ×{ratio_text(f.ratio)}" if f.ratio is not None else ""
    return _text(diff + ratio)


def _finding_mark(n: int, f: Finding) -> _Mark:
    verdict = f.verdict.value
    symbol = VERDICTS[verdict][0]
    rows = [f'<span class="row head"><span class="sym">{symbol}</span> <b>{verdict}</b>: {_text(f.explanation)}</span>']
    if f.period:
        rows.append(_row("Stated for", _text(f.period)))
    if f.fact is not None:
        rows += _record_rows(f.fact)
        rows.append(_row("Difference", _difference(f)))
        why = ", ".join(_text(w) for w in f.subject)
        rows.append(_row("Why this fact", f"the text names {why}" if why else "its figure and words fit this fact best"))
    else:
        rows.append(_row("Why no fact", "no fact on record measures what this clause names, for this place and period; "
                                        "xmfacts never forces a figure onto an unrelated fact"))
    r = f.reading
    return _Mark(n, r.start, r.end, f.line, verdict, f.fact.full_id if f.fact else "", "".join(rows),
                 _recorded(f.fact) if f.fact else "", _difference(f))


def _candidate_mark(n: int, c: Candidate, topic: str) -> _Mark:
    if c.on_record is not None:
        verdict = c.verdict.value if c.verdict is not None else "match"
        symbol, meaning = VERDICTS[verdict]
        rows = [f'<span class="row head"><span class="sym">{symbol}</span> <b>{verdict}</b>: on record; {meaning}</span>']
        rows += _record_rows(c.on_record)
        rows.append(_row("Why this fact", "its clause names what this fact measures, or the figure stands in its quote"))
        r = c.reading
        return _Mark(n, r.start, r.end, c.line, verdict, c.on_record.full_id, "".join(rows), _recorded(c.on_record), "")
    suggested = f"{topic}/{c.id}"
    rows = [
        f'<span class="row head"><span class="sym">+</span> <b>new</b>: {VERDICTS["new"][1]}</span>',
        _row("Drafted as", f"<code>{_text(suggested)}</code> {_text(c.label)}"),
        _row("Figure", _text(printed(c.figure))),
        _row("Period", _text(c.as_of) if c.as_of else "not given"),
        _row("Entity", _text(c.entity)),
        _row("Measures", _text(", ".join(c.measure))),
        _row("Citation", f"<q>{_text(c.quote)}</q>"),
        _row("Why no fact", "no fact on record measures what this clause names, and no recorded quote holds it"),
        _row("Note", _text(c.note)),
    ]
    r = c.reading
    return _Mark(n, r.start, r.end, c.line, "new", "", "".join(rows), "", f"<code>{_text(suggested)}</code>")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of each paragraph: text between blank lines (single line breaks stay inside)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        spans.append((at, gap.start()))
        at = gap.end()
    spans.append((at, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _draft(text: str, marks: Sequence[_Mark]) -> str:
    """The text as written, each figure wrapped in its mark. A figure that would overlap the
    one before (none does today) is left unmarked rather than cut into the other."""
    by_paragraph: list[str] = []
    pending = sorted(marks, key=lambda m: (m.start, m.end))
    i = 0
    for start, end in _paragraphs(text):
        out: list[str] = []
        at = start
        while i < len(pending) and pending[i].start < end:
            m = pending[i]
            i += 1
            if m.start < at:
                continue
            out.append(_text(text[at:m.start]))
            out.append(_mark_html(m, text[m.start:m.end], pending[i:]))
            at = m.end
        out.append(_text(text[at:end]))
        by_paragraph.append(f"<p>{''.join(out)}</p>")
    return "\n".join(by_paragraph)


def _mark_html(m: _Mark, figure: str, later: Sequence[_Mark]) -> str:
    symbol = VERDICTS[m.verdict][0]
    nav = ""
    if m.verdict == "mismatch":
        following = next((x for x in later if x.verdict == "mismatch"), None)
        nav = (f'<span class="row nav"><a href="#f{following.n}">next mismatch ↓</a></span>' if following
               else '<span class="row nav"><a href="#top">last mismatch: back to the top ↑</a></span>')
    return (
        f'<span class="fig v-{m.verdict}" id="f{m.n}" tabindex="0" role="button" aria-describedby="c{m.n}" '
        f'data-verdict="{m.verdict}" data-fact="{_text(m.fact_id)}">'
        f'<span class="fig-t">{_text(figure)}</span><span class="sym" aria-hidden="true">{symbol}</span>'
        f'<sup class="ref">{m.n}</sup>'
        f'<span class="card" id="c{m.n}" role="note">{m.card}{nav}</span></span>'
    )


def _counts(marks: Sequence[_Mark], order: Iterable[str]) -> str:
    items = []
    for verdict in order:
        count = sum(1 for m in marks if m.verdict == verdict)
        items.append(f'<li class="v-{verdict}"><span class="sym">{VERDICTS[verdict][0]}</span> '
                     f'<b>{count}</b> {verdict}</li>')
    return f'<ul class="counts">{"".join(items)}</ul>'


def _jumps(marks: Sequence[_Mark]) -> str:
    wrong = [m for m in marks if m.verdict == "mismatch"]
    if not wrong:
        return '<p class="jump">No figure contradicts the record.</p>'
    links = " ".join(f'<a href="#f{m.n}">{k}</a>' for k, m in enumerate(wrong, 1))
    return f'<nav class="jump" aria-label="mismatches">Mismatches, in order: {links}</nav>'


def _table(text: str, marks: Sequence[_Mark], detail: str) -> str:
    rows = []
    for m in marks:
        symbol = VERDICTS[m.verdict][0]
        rows.append(
            f'<tr class="v-{m.verdict}"><td><a href="#f{m.n}">{m.n}</a></td><td>{m.line}</td>'
            f"<td>{_text(text[m.start:m.end])}</td><td>{symbol} {m.verdict}</td>"
            f"<td><code>{_text(m.fact_id)}</code></td><td>{m.recorded}</td><td>{m.detail}</td></tr>"
        )
    head = f"<tr><th>#</th><th>line</th><th>figure</th><th>verdict</th><th>fact</th><th>recorded</th><th>{detail}</th></tr>"
    return f'<div class="wide"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def _page(title: str, info: ReportInfo, text: str, marks: Sequence[_Mark], order: Iterable[str], detail: str,
          lead: str) -> str:
    style = (_HERE / "report.css").read_text(encoding="utf-8")
    script = (_HERE / "report.js").read_text(encoding="utf-8")
    when = info.checked_at.replace("T", " ").replace("Z", " UTC")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="xmfacts">
<title>{title}: {_text(info.name)}</title>
<style>
{style}</style>
</head>
<body>
<header id="top">
<h1>{title}: <span class="name">{_text(info.name)}</span></h1>
<p class="meta">{lead} <time datetime="{_text(info.checked_at)}">{_text(when)}</time>
against the fact base <code>{_text(info.fact_base)}</code>.</p>
{_counts(marks, order)}
{_jumps(marks)}
<p class="how">Hover, tap or tab to a marked figure to see the record; the numbers lead to the table below.</p>
</header>
<main>
<article class="draft" lang="zh-CN">
{_draft(text, marks)}
</article>
<section class="findings">
<h2>All findings ({len(marks)})</h2>
{_table(text, marks, detail)}
</section>
</main>
<script>
{script}</script>
</body>
</html>
"""


def check_report(text: str, findings: Sequence[Finding], info: ReportInfo) -> str:
    """check --format html: the checked text with every finding marked, and the findings table."""
    marks = [_finding_mark(n, f) for n, f in enumerate(findings, 1)]
    order = ("mismatch", "outdated", "consistent", "match", "unknown")
    return _page("Fact check", info, text, marks, order, "difference", "Checked")


def extract_report(text: str, extraction: Extraction, info: ReportInfo) -> str:
    """extract --format html: the article with its figures on record (by verdict) and new ones."""
    # a figure stated again is marked wherever the article states it, each with its card
    places = sorted((replace(c, line=m.line, reading=m.reading) for c in extraction.candidates for m in (c, *c.also)),
                    key=lambda c: c.reading.start)
    marks = [_candidate_mark(n, c, extraction.topic) for n, c in enumerate(places, 1)]
    order = ("mismatch", "outdated", "consistent", "match", "new")
    return _page("Figures on record", info, text, marks, order, "drafted as", "Read")


def ascii_only(page: str) -> str:
    """The page for a stdout that cannot encode Chinese: every other character as &#NNNN;,
    which a browser reads the same whatever encoding it assumes (style and script are ASCII)."""
    return page.encode("ascii", "xmlcharrefreplace").decode("ascii")
