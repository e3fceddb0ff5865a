"""`xmfacts add --from`: a reviewed `extract --toml` draft taken into the fact base, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xmfacts.index import load_factbase

from ..conftest import Run
from ..test_extract import ARTICLE


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _reviewed(run: Run, article: Path, tmp_path: Path, topic: str = "sme-credit") -> Path:
    draft = run("extract", str(article), "--published", "2024", "--toml", "--source", "xiamen-practice", "--topic", topic).stdout
    path = tmp_path / "draft.toml"
    path.write_text(draft.replace('label_en = ""', 'label_en = "Reviewed"'), encoding="utf-8")
    return path


def test_add_from_appends_every_reviewed_candidate(run: Run, factbase: Path, article: Path, tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path)
    before = (factbase / "sme-credit.toml").read_bytes()
    result = run("add", "sme-credit", "--from", str(draft), "--source-text", str(article), facts=factbase)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"added sme-credit/guoji-yinhang-keji-jinrong-daikuan to {factbase / 'sme-credit.toml'}"
    after = (factbase / "sme-credit.toml").read_bytes()
    assert after.startswith(before)  # existing bytes untouched
    assert len(load_factbase(factbase).facts) == 8 + 5
    assert run("validate", facts=factbase).exit_code == 0  # and the add above traced every quote to the article


def test_add_from_refuses_an_unreviewed_candidate_by_id(run: Run, factbase: Path, article: Path, tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path)
    text = draft.read_text(encoding="utf-8").replace('label_en = "Reviewed"', 'label_en = ""', 1)
    draft.write_text(text, encoding="utf-8")
    before = (factbase / "sme-credit.toml").read_bytes()
    result = run("add", "sme-credit", "--from", str(draft), facts=factbase)
    assert result.exit_code == 2
    assert result.stderr == f"xmfacts: error: --from {draft}: label_en is empty (not reviewed yet): guoji-yinhang-keji-jinrong-daikuan; nothing was added\n"
    assert (factbase / "sme-credit.toml").read_bytes() == before


def test_add_from_writes_nothing_when_one_candidate_fails(run: Run, factbase: Path, article: Path, tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path)
    draft.write_text(draft.read_text(encoding="utf-8").replace('较年初增长14%"', '较年初增长15%"'), encoding="utf-8")
    before = (factbase / "sme-credit.toml").read_bytes()
    result = run("add", "sme-credit", "--from", str(draft), "--source-text", str(article), facts=factbase)
    assert result.exit_code == 2
    assert "sme-credit/guoji-yinhang-ejiao-nianchu-zengzhang: figure 14% is not printed in its quote" in result.stderr
    assert (factbase / "sme-credit.toml").read_bytes() == before


def test_add_from_a_new_topic_takes_the_drafts_titles(run: Run, factbase: Path, article: Path, tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path, topic="banks")
    text = draft.read_text(encoding="utf-8")
    # a new topic's titles are drafted (the article's title, the id in words) for the curator to rewrite
    assert text.startswith('[topic]\ntitle = "“鹭”高飞——科技创新和产业创新深度融合的“厦门实践”"\ntitle_en = "Banks"\nid = "banks"\n')
    text = text.replace('title = "“鹭”高飞——科技创新和产业创新深度融合的“厦门实践”"', 'title = "银行"')
    draft.write_text(text, encoding="utf-8")
    result = run("add", "banks", "--from", str(draft), "--json", facts=factbase)
    assert result.exit_code == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)][0] == "banks/guoji-yinhang-keji-jinrong-daikuan"
    assert load_factbase(factbase).topics[0].title == "银行"


def test_add_from_takes_the_topic_from_the_draft(run: Run, factbase: Path, article: Path, tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path, topic="banks")
    result = run("add", "--from", str(draft), "--json", facts=factbase)
    assert result.exit_code == 0, result.stderr
    assert {row["topic"] for row in json.loads(result.stdout)} == {"banks"}
    assert (factbase / "banks.toml").exists()


def test_add_from_goes_to_the_topic_given_instead(run: Run, factbase: Path, article: Path, tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path, topic="banks")
    result = run("add", "--from", str(draft), "--topic", "sme-credit", facts=factbase)
    assert result.exit_code == 0, result.stderr
    assert not (factbase / "banks.toml").exists()
    clash = run("add", "banks", "--from", str(draft), "--topic", "sme-credit", facts=factbase)
    assert (clash.exit_code, clash.stderr) == (2, "xmfacts: error: TOPIC 'banks' and --topic 'sme-credit' disagree: give one\n")


def test_add_from_a_draft_without_a_topic_id_needs_one(run: Run, factbase: Path, tmp_path: Path) -> None:
    draft = tmp_path / "d.toml"
    draft.write_text('[topic]\ntitle = "银行"\ntitle_en = "Banks"\n\n[[fact]]\nid = "x"\nlabel_en = "X"\n', encoding="utf-8")
    result = run("add", "--from", str(draft), facts=factbase)
    assert (result.exit_code, result.stderr) == (2, f"xmfacts: error: --from {draft}: its [topic] has no id: give TOPIC or --topic\n")


def test_add_without_topic_or_draft_is_a_usage_error(run: Run, factbase: Path) -> None:
    result = run("add", "--id", "x", facts=factbase)
    assert (result.exit_code, result.stderr) == (2, "xmfacts: error: give TOPIC, the topic to add the fact to (or --from DRAFT.toml)\n")


def test_add_from_takes_no_field_options(run: Run, factbase: Path, tmp_path: Path) -> None:
    result = run("add", "sme-credit", "--from", str(tmp_path / "d.toml"), "--id", "x", facts=factbase)
    assert result.exit_code == 2
    assert result.stderr == "xmfacts: error: --from takes every field from the draft; leave out --id\n"


def test_add_without_from_still_needs_its_fields(run: Run, factbase: Path) -> None:
    result = run("add", "sme-credit", "--id", "x", facts=factbase)
    assert result.exit_code == 2
    assert result.stderr == "xmfacts: error: give --label, --label-en, --quote, --source (or --from DRAFT.toml)\n"


def test_a_draft_with_an_unknown_key_is_refused(run: Run, factbase: Path, tmp_path: Path) -> None:
    draft = tmp_path / "d.toml"
    draft.write_text('[[fact]]\nid = "x"\nvaule = 3\n', encoding="utf-8")
    result = run("add", "sme-credit", "--from", str(draft), facts=factbase)
    assert result.exit_code == 2
    assert result.stderr == f"xmfacts: error: --from {draft}: fact 1 (x): unknown key 'vaule'\n"


def test_add_from_into_a_new_topic_given_by_option_creates_it_whole_or_not_at_all(run: Run, factbase: Path, article: Path,
                                                                                  tmp_path: Path) -> None:
    draft = _reviewed(run, article, tmp_path)
    failing = tmp_path / "failing.toml"
    failing.write_text(draft.read_text(encoding="utf-8").replace('较年初增长14%"', '较年初增长15%"'), encoding="utf-8")
    refused = run("add", "--from", str(failing), "--topic", "desk", "--source-text", str(article), facts=factbase)
    assert refused.exit_code == 2 and not (factbase / "desk.toml").exists()  # no topic file, not even an empty one
    added = run("add", "--from", str(draft), "--topic", "desk", "--source-text", str(article), "--json", facts=factbase)
    assert added.exit_code == 0, added.stderr
    assert {row["topic"] for row in json.loads(added.stdout)} == {"desk"} and len(json.loads(added.stdout)) == 5
    assert (factbase / "desk.toml").read_text(encoding="utf-8").startswith("[topic]\n")
    assert run("validate", facts=factbase).exit_code == 0
