"""The round trip of a new desk (issue 23) on the article itself, when it is beside the
repository: extract it into an empty fact base (sources.toml alone), write every label_en,
`add --from` the draft, then `check -f` the article. Every drafted figure must come back as a
`match` of the fact drafted from it. Skipped in a plain clone without the article."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from ..conftest import Run

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"
ARTICLES = sorted(SOURCES.glob("*.txt"))
pytestmark = pytest.mark.skipif(not ARTICLES, reason=f"the article is not beside the repository ({SOURCES})")


def test_every_drafted_figure_of_the_article_is_then_a_match(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "facts"
    base.mkdir()
    (base / "sources.toml").write_text('[[source]]\nid = "article"\ntitle = "厦门实践"\noutlet = "中国证券报"\npublished = "2024"\nauthors = []\n',
                                       encoding="utf-8")
    article = ARTICLES[0]
    drafted = run("extract", str(article), "--toml", facts=base)
    assert drafted.exit_code == 0, drafted.stderr
    draft = tmp_path / "draft.toml"
    draft.write_text(drafted.stdout.replace('label_en = ""', 'label_en = "Reviewed"'), encoding="utf-8")
    added = run("add", "--from", str(draft), "--source-text", str(article), facts=base)
    assert added.exit_code == 0, added.stderr
    facts = {f"extracted/{f['id']}": f for f in tomllib.loads(drafted.stdout)["fact"]}
    checked = run("check", "-f", str(article), "--as-of", "2024", "--json", facts=base)
    findings = json.loads(checked.stdout)
    got: dict[str, str] = {}
    for f in findings:
        fact = (f["fact"] or {}).get("id")
        if fact in facts and f["span"]["text"] in facts[fact]["quote"]:
            got[fact] = f["verdict"] if got.get(fact) != "match" else "match"
    assert len(facts) == 84
    # by the figure as the draft quotes it, what check said instead of match
    assert {facts[fid]["quote"]: got.get(fid, "unknown") for fid in facts if got.get(fid) != "match"} == {}
    # and the desk's own facts raise no alarm on the article they were drafted from
    assert checked.exit_code == 0 and not [f["span"]["text"] for f in findings if f["verdict"] in ("mismatch", "outdated")]
