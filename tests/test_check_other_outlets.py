"""The claims of the real-claims issue's table, each with the verdict a fact-checker expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from xmfacts.check import Verdict, check_text
from xmfacts.factbase import load_factbase

BASE = load_factbase(Path(__file__).parents[1] / "facts")


@pytest.mark.parametrize(("claim", "figure", "fact_id", "verdict"), [
    ("厦门市财政收入1200亿元", "1200亿元", None, Verdict.UNKNOWN),
    ("厦门大学有16个学部", "16个", None, Verdict.UNKNOWN),
    ("上市公司70家", "70家", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("厦门信易贷平台帮助中小企业累计获得授信1141.58亿元，服务企业31万家", "31万家", "sme-credit/xinyidai-smes-granted-credit", Verdict.MATCH),
    ("厦门境内上市公司 70 家", "70 家", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("金圆集团管理金融资产规模超8500亿元", "超8500亿元", "state-financial-group/assets-under-management", Verdict.MISMATCH),
    ("Xiamen has 70 listed companies", "70", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("廈門境內上市公司70家", "70家", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("截至2018年底，厦门境内上市公司51家", "51家", "capital-markets/listed-companies", Verdict.OUTDATED),
])
def test_claims_from_other_outlets(claim: str, figure: str, fact_id: str | None, verdict: Verdict) -> None:
    [finding] = [f for f in check_text(BASE, claim) if f.reading.text == figure]
    assert (finding.fact.full_id if finding.fact else None, finding.verdict) == (fact_id, verdict), finding.explanation
