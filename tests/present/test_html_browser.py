"""The HTML report in a real browser (headless Chromium), at a desktop's and a phone's width:
every mark is laid out visibly, no two overlap, nothing runs off the side, and opening a mark by
a click, a tap or the keyboard shows its record inside the window.

The page measures itself when opened with ?selftest (report.js) and writes what it found into
the DOM; these tests read that, then click and tab as a reader would. Skipped, with the reason,
where Chromium is not installed; .ci/run installs it and sets XMFACTS_REQUIRE_BROWSER.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import Run
from .browser import Browser, chromium

DRAFT = Path(__file__).parents[1] / "drafts" / "draft.md"
SHIPPED = Path(__file__).parents[2] / "facts"
HOSTILE = '厦门境内上市公司有<script>document.title="pwned"</script>70家"><img src=x onerror="document.title=\'pwned\'">。\n'

SIZES = {"desktop": (1280, 900, False), "phone": (390, 844, True)}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chromium()
    with Browser(tmp_path_factory.mktemp("chromium-profile")) as opened:
        yield opened


def _report(run: Run, tmp_path: Path, draft: Path = DRAFT) -> Path:
    out = tmp_path / "report.html"
    assert run("check", "-f", str(draft), "--format", "html", "-o", str(out), facts=SHIPPED).exit_code == 1
    return out


@pytest.mark.parametrize("size", sorted(SIZES))
def test_marks_are_visible_apart_and_open_on_their_record(browser: Browser, run: Run, tmp_path: Path, size: str) -> None:
    width, height, phone = SIZES[size]
    report = _report(run, tmp_path)
    browser.open(report.as_uri() + "?selftest", width, height, phone)
    measured = json.loads(browser.evaluate("document.getElementById('selftest-result').textContent"))
    findings = json.loads(run("check", "-f", str(DRAFT), "--json", facts=SHIPPED).stdout)
    assert measured["width"] == width or not phone  # the phone's layout really is a phone's width
    assert measured["marks"] == len(findings)
    assert measured["hidden"] == [] and measured["offscreen"] == [] and measured["overlaps"] == []
    assert measured["scrollWidth"] <= measured["width"]  # no sideways scrolling
    assert [o for o in measured["opened"] if not (o["shown"] and o["inside"] and o["record"])] == []
    assert [(o["verdict"], o["fact"]) for o in measured["opened"]] == [
        (f["verdict"], (f["fact"] or {}).get("id", "")) for f in findings
    ]
    shot = browser.screenshot(tmp_path / f"report-{size}.png")
    assert shot.startswith(b"\x89PNG") and int.from_bytes(shot[16:20], "big") == width


@pytest.mark.parametrize("size", sorted(SIZES))
def test_a_click_where_the_reader_clicks_opens_the_card_on_top(browser: Browser, run: Run, tmp_path: Path, size: str) -> None:
    width, height, phone = SIZES[size]
    browser.open(_report(run, tmp_path).as_uri(), width, height, phone)
    box = browser.evaluate(
        "(() => { const m = document.querySelector('[data-verdict=mismatch]'); m.scrollIntoView({block: 'center'});"
        " const r = m.querySelector('.fig-t').getBoundingClientRect(); return [m.id, r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    mark, x, y = box
    browser.click(x, y)
    card = browser.evaluate(
        f"(() => {{ const c = document.querySelector('#{mark} .card'); const r = c.getBoundingClientRect();"
        " const top = document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(r.height / 2, 20));"
        " return {display: getComputedStyle(c).display, left: r.left, right: r.right, text: c.textContent,"
        " onTop: c.contains(top)}; })()"
    )
    assert card["display"] == "block" and card["onTop"]
    assert 0 <= card["left"] and card["right"] <= width
    assert "Recorded" in card["text"] and "Citation" in card["text"] and "next mismatch" in card["text"]
    browser.page("Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1)  # hover alone keeps a card open
    assert browser.evaluate(f"getComputedStyle(document.querySelector('#{mark} .card')).display") == "block"  # pinned
    browser.key("Escape", "Escape", 27)
    assert browser.evaluate(f"getComputedStyle(document.querySelector('#{mark} .card')).display") == "none"


def test_the_keyboard_reaches_every_mark_and_focus_opens_it(browser: Browser, run: Run, tmp_path: Path) -> None:
    browser.open(_report(run, tmp_path).as_uri(), 1280, 900, False)
    count = browser.evaluate("document.querySelectorAll('[data-verdict]').length")
    seen = []
    for _ in range(count + 40):  # the jump links come first
        browser.key("Tab", "Tab", 9)
        focused = browser.evaluate(
            "(() => { const a = document.activeElement; return a && a.dataset.verdict !== undefined ?"
            " [a.id, getComputedStyle(a.querySelector('.card')).display] : null; })()"
        )
        if focused:
            seen.append(focused)
        if len(seen) == count:
            break
    assert [mark for mark, _ in seen] == [f"f{n}" for n in range(1, count + 1)]
    assert {display for _, display in seen} == {"block"}


def test_a_hostile_draft_runs_nothing_in_a_browser(browser: Browser, run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "hostile.md"
    draft.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.html"
    run("check", "-f", str(draft), "--format", "html", "-o", str(out), facts=SHIPPED)
    browser.open(out.as_uri(), 1280, 900, False)
    assert browser.evaluate("document.title") == "Fact check: hostile.md"
    assert browser.evaluate("document.images.length") == 0
    assert browser.evaluate("document.scripts.length") == 1
    assert "<script>" in browser.evaluate("document.querySelector('article').textContent")


def test_print_shows_the_marks_and_the_table_not_the_cards(browser: Browser, run: Run, tmp_path: Path) -> None:
    browser.open(_report(run, tmp_path).as_uri() + "?open=f1", 1280, 900, False)
    browser.page("Emulation.setEmulatedMedia", media="print")
    printed = browser.evaluate(
        "(() => ({cards: [...document.querySelectorAll('.card')].filter(c => getComputedStyle(c).display !== 'none').length,"
        " symbols: [...document.querySelectorAll('.fig > .sym')].filter(s => s.getBoundingClientRect().width > 0).length,"
        " marks: document.querySelectorAll('[data-verdict]').length,"
        " table: document.querySelector('.findings table').getBoundingClientRect().height > 0}))()"
    )
    browser.page("Emulation.setEmulatedMedia", media="")
    assert printed["cards"] == 0 and printed["table"]
    assert printed["symbols"] == printed["marks"]
