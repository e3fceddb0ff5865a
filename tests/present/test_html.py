"""check --format html and extract --format html: one page an editor opens, read back with the
standard library's HTML parser and held against the JSON of the same run."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..conftest import BASIC, Run

DRAFT = Path(__file__).parents[1] / "drafts" / "draft.md"
EXCERPT = Path(__file__).parents[1] / "fixtures" / "excerpt.txt"
SHIPPED = Path(__file__).parents[2] / "facts"

# Every element the report is made of: anything else in the page came from the data.
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "span", "time", "code", "ul",
        "li", "b", "nav", "a", "main", "article", "section", "div", "table", "thead", "tbody", "tr", "th", "td",
        "sup", "q", "script"}


@dataclass
class Mark:
    verdict: str
    fact: str
    id: str
    text: str = ""


@dataclass
class Page(HTMLParser):
    """The report as a parser sees it: its tags and attributes, its marks, its text."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    draft: list[str] = field(default_factory=list)  # the article's text without the marks' cards, symbols, numbers
    depth: int = 0  # open spans inside the current mark's figure text
    hidden: int = 0  # open spans inside a card, symbol or number
    in_article: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self.in_article = self.in_article or tag == "article"
        if tag in ("span", "sup") and (self.hidden or attributes.get("class") in ("card", "sym", "ref")):
            self.hidden += 1
        if "data-verdict" in attributes:
            self.marks.append(Mark(attributes["data-verdict"] or "", attributes.get("data-fact") or "", attributes.get("id") or ""))
        elif tag == "span" and attributes.get("class") == "fig-t":
            self.depth = 1
        elif tag == "span" and self.depth:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.depth:
            self.depth -= 1
        if tag in ("span", "sup") and self.hidden:
            self.hidden -= 1
        self.in_article = self.in_article and tag != "article"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.in_article and not self.hidden:
            self.draft.append(data)
        if self.depth:
            self.marks[-1].text += data


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def assert_inert(page: str) -> Page:
    """Only the report's own elements; no handler, no resource from elsewhere, no script but ours."""
    parsed = parse(page)
    assert {tag for tag, _ in parsed.tags} <= TAGS
    for tag, attributes in parsed.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        assert "src" not in attributes and tag != "link", (tag, attributes)
        href = attributes.get("href")
        if href is not None:
            assert href.startswith("#") or re.match(r"https?://", href), href
    assert sum(1 for tag, _ in parsed.tags if tag == "script") == 1
    assert "@import" not in page and "url(" not in page  # the stylesheet fetches nothing either
    return parsed


@pytest.mark.parametrize("facts", [BASIC, SHIPPED], ids=["basic", "shipped"])
def test_every_figure_has_one_mark_with_the_verdict_and_fact_of_the_json(run: Run, facts: Path) -> None:
    as_json = run("check", "-f", str(DRAFT), "--json", facts=facts)
    as_html = run("check", "-f", str(DRAFT), "--format", "html", facts=facts)
    assert as_html.exit_code == as_json.exit_code == 1  # the draft alters figures on purpose
    assert as_html.stderr == ""
    findings = json.loads(as_json.stdout)
    marks = assert_inert(as_html.stdout).marks
    assert len(marks) == len(findings) > 20
    for mark, finding in zip(marks, findings):
        assert (mark.text, mark.verdict, mark.fact) == (finding["span"]["text"], finding["verdict"], (finding["fact"] or {}).get("id", ""))
    assert len({m.id for m in marks}) == len(marks)


def test_the_draft_is_there_as_written_with_paragraphs(run: Run) -> None:
    page = run("check", "-f", str(DRAFT), "--format", "html", facts=SHIPPED).stdout
    paragraphs = DRAFT.read_text(encoding="utf-8").strip().split("\n\n")
    assert "".join(parse(page).draft).strip().split("\n") == paragraphs
    draft = page[page.index('<article class="draft"'):page.index("</article>")]
    assert draft.count("<p>") == len(paragraphs)


def test_header_names_the_draft_the_time_and_the_fact_base_and_counts(run: Run) -> None:
    page = run("check", "-f", str(DRAFT), "--format", "html", SOURCE_DATE_EPOCH="1733011200").stdout
    assert "<h1>Fact check: <span class=\"name\">draft.md</span></h1>" in page
    assert '<time datetime="2024-12-01T00:00:00Z">2024-12-01 00:00:00 UTC</time>' in page
    assert f"{BASIC}, from $XMFACTS_FACTS" in page
    findings = json.loads(run("check", "-f", str(DRAFT), "--json").stdout)
    for verdict in ("mismatch", "outdated", "consistent", "match", "unknown"):
        count = sum(1 for f in findings if f["verdict"] == verdict)
        assert re.search(rf'<li class="v-{verdict}"><span class="sym">.</span> <b>{count}</b> {verdict}</li>', page)


def test_mismatches_are_linked_one_to_the_next(run: Run) -> None:
    page = run("check", "-f", str(DRAFT), "--format", "html", facts=SHIPPED).stdout
    wrong = [m.id for m in parse(page).marks if m.verdict == "mismatch"]
    assert len(wrong) > 2
    nav = re.search(r'<nav class="jump".*?</nav>', page).group()  # type: ignore[union-attr]
    assert re.findall(r'href="#(f\d+)"', nav) == wrong
    for here, following in zip(wrong, wrong[1:]):
        mark = page[page.index(f'id="{here}"'):]
        assert mark.index(f'<a href="#{following}">next mismatch') < mark.index("</span></span>")


def test_a_card_holds_the_record_the_citation_the_source_and_why(run: Run) -> None:
    page = run("check", "厦门境内上市公司有70家", "--format", "html").stdout
    card = re.search(r'<span class="card" id="c1" role="note">(.*?)</span></span>', page).group(1)  # type: ignore[union-attr]
    for said in ("<b>mismatch</b>", "68家 (exact)", "<b>Period</b> 2024", "capital-markets/listed-companies",
                 "<q>目前厦门境内上市公司68家</q>", "中国证券报", "<b>Difference</b> +2家 ×1.029", "the text names"):
        assert said in card
    unknown = run("check", "厦门港集装箱吞吐量1255万标箱", "--format", "html").stdout
    assert 'data-verdict="unknown" data-fact=""' in unknown
    assert "<b>Why no fact</b>" in unknown


def test_output_file_exit_code_and_refusals(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("check", "-f", str(DRAFT), "--format", "html", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run("check", "-f", str(DRAFT), "--format", "html", "-o", str(out))
    assert (again.exit_code, again.stderr) == (2, f"xmfacts: error: {out} exists; use --force to overwrite it\n")
    assert run("check", "-f", str(DRAFT), "--format", "html", "-o", str(out), "--force").exit_code == 1
    clean = run("check", "厦门境内上市公司有68家", "--format", "html", "-o", str(tmp_path / "clean.html"))
    assert clean.exit_code == 0


def test_an_unwritable_output_exits_2_in_one_line_and_leaves_nothing(run: Run, tmp_path: Path) -> None:
    for target in (tmp_path / "missing" / "report.html", tmp_path):
        result = run("check", "-f", str(DRAFT), "--format", "html", "-o", str(target))
        assert result.exit_code == 2
        assert result.stderr.startswith("xmfacts: error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_a_table_is_not_written_to_a_file(run: Run, tmp_path: Path) -> None:
    result = run("check", "-f", str(DRAFT), "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 2 and "give --format" in result.stderr
    assert run("check", "-f", str(DRAFT), "--format", "html", "--json").exit_code == 2


def test_json_goes_to_a_file_too(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "findings.json"
    assert run("check", "-f", str(DRAFT), "--json", "-o", str(out)).exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(run("check", "-f", str(DRAFT), "--json").stdout)


def test_an_ascii_terminal_gets_character_references() -> None:
    from ..test_robustness import xmfacts

    done = xmfacts("check", "厦门境内上市公司有70家", "--format", "html", env={"PYTHONIOENCODING": "ascii"})
    assert (done.returncode, done.stderr) == (1, b"")
    page = done.stdout.decode("ascii")
    assert parse(page).marks[0].text == "70家"


def test_a_bad_source_date_epoch_is_a_usage_error(run: Run) -> None:
    result = run("check", "厦门境内上市公司有70家", "--format", "html", SOURCE_DATE_EPOCH="yesterday")
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr


# ---- hostile text: shown, never run -----------------------------------------------------------

HOSTILE = (
    "厦门境内上市公司有<script>alert(1)</script>70家\n\n"
    '全省占比达"><img src=x onerror=alert(1)>四成，见[这里](javascript:alert(1))。\n\n'
    "募集资金5981亿元\x07\x1b[31m，\u202e07家\u202c，\u2066隔离\u2069，</p></article><style>body{display:none}</style>\x00\r\n"
    "<!-- 注释 --> &amp; &lt;b&gt; 'single' \"double\" `tick`"
)


def test_a_hostile_draft_renders_as_text(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "hostile.md"
    draft.write_text(HOSTILE, encoding="utf-8", newline="")
    page = run("check", "-f", str(draft), "--format", "html").stdout
    parsed = assert_inert(page)
    shown = "".join(parsed.draft)  # alert(1) holds a figure: its mark's symbol and number aside
    for literal in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                    "</p></article><style>body{display:none}</style>", "<!-- 注释 -->", "&amp; &lt;b&gt;"):
        assert literal in shown
    assert "\\x07" in shown and "\\x1b[31m" in shown and "\\x00" in shown
    assert "\\u202e07家\\u202c" in shown and "\\u2066" in shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)  # none left raw
    json_marks = json.loads(run("check", "-f", str(draft), "--json").stdout)
    assert [(m.verdict, m.fact) for m in parsed.marks] == [(f["verdict"], (f["fact"] or {}).get("id", "")) for f in json_marks]


def _hostile_base(tmp_path: Path, url: str) -> Path:
    base = tmp_path / "facts"
    shutil.copytree(BASIC, base)
    sources = (base / "sources.toml").read_text(encoding="utf-8")
    (base / "sources.toml").write_text(sources + f"url = {json.dumps(url)}\n", encoding="utf-8")
    topic = base / "capital-markets.toml"
    text = topic.read_text(encoding="utf-8")
    text = text.replace('label = "厦门境内上市公司数量"', 'label = "\\"><script>alert(1)</script>\\u202e"', 1)
    text = text.replace('label_en = "Companies listed on domestic exchanges, based in Xiamen"',
                        'label_en = "=HYPERLINK(\\"javascript:alert(1)\\",\\"x\\")"', 1)
    topic.write_text(text, encoding="utf-8")
    return base


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "http:alert(1)", "https://exa\nmple.org", "vbscript:msgbox"])
def test_a_hostile_fact_base_renders_as_text_and_links_only_the_web(run: Run, tmp_path: Path, url: str) -> None:
    base = _hostile_base(tmp_path, url)
    page = run("check", "厦门境内上市公司有70家", "--format", "html", facts=base).stdout
    parsed = assert_inert(page)
    shown = "".join(parsed.text)
    assert '"><script>alert(1)</script>\\u202e' in shown
    assert "not a web link" in shown
    assert not [a for tag, a in parsed.tags if tag == "a" and not (a.get("href") or "").startswith("#")]


def test_a_web_source_is_a_link_with_its_query_escaped(run: Run, tmp_path: Path) -> None:
    url = 'https://example.org/a?b=1&c="><script>'
    page = run("check", "厦门境内上市公司有70家", "--format", "html", facts=_hostile_base(tmp_path, url)).stdout
    links = [a for tag, a in assert_inert(page).tags if tag == "a" and not (a.get("href") or "").startswith("#")]
    assert links == [{"href": url, "rel": "noopener noreferrer"}]


# ---- extract --format html ---------------------------------------------------------------------


def test_extract_marks_every_figure_on_record_or_new_as_its_json_says(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(EXCERPT.read_text(encoding="utf-8") + "\n\n目前，厦门拥有咖啡馆1200余家。\n", encoding="utf-8")
    as_json = run("extract", str(article), "--published", "2024-11-20", "--json")
    as_html = run("extract", str(article), "--published", "2024-11-20", "--format", "html")
    assert as_html.exit_code == as_json.exit_code
    rows = json.loads(as_json.stdout)
    marks = assert_inert(as_html.stdout).marks
    assert [(m.verdict, m.fact) for m in marks] == [(r["verdict"] or "new", r["on_record"] or "") for r in rows]
    assert {m.verdict for m in marks} >= {"new", "match"}
    assert "<b>Drafted as</b> <code>extracted/" in as_html.stdout


def test_extract_format_agrees_with_the_flags(run: Run, tmp_path: Path) -> None:
    by_flag = run("extract", str(EXCERPT), "--published", "2024", "--toml")
    by_format = run("extract", str(EXCERPT), "--published", "2024", "--format", "toml")
    assert by_flag.stdout == by_format.stdout and by_flag.exit_code == by_format.exit_code
    clash = run("extract", str(EXCERPT), "--format", "html", "--json")
    assert (clash.exit_code, clash.stderr) == (2, "xmfacts: error: --format html and --json cannot be used together; choose one\n")
    out = tmp_path / "figures.html"
    assert run("extract", str(EXCERPT), "--format", "html", "-o", str(out)).exit_code == by_flag.exit_code
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
