"""Make docs/report-desktop.png and docs/report-phone.png: the HTML report of the article
(../shared/sources/*.txt) with a few figures changed, the way a reporter's draft goes wrong.

    python scripts/report_screenshot.py            # needs chromium and the article beside the repo

The browser is driven as in the tests (tests/present/browser.py), so the phone really is 390
pixels wide. SOURCE_DATE_EPOCH fixes the header's time, so the picture changes only with the
report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.present.browser import Browser  # noqa: E402 (after the path it is found on)

# (as printed, as the draft has it): a count, a project total, a year and a number of lines gone wrong.
CHANGES = [
    ("两家省级创新实验室", "三家省级创新实验室"),
    ("9大项目群80余项", "9大项目群120余项"),
    ("天马成立于1983年", "天马成立于1993年"),
    ("先后布局5条生产线", "先后布局7条生产线"),
]


def main() -> None:
    article = sorted((ROOT.parent / "shared" / "sources").glob("*.txt"))[0]
    text = article.read_text(encoding="utf-8")
    for was, now in CHANGES:
        assert was in text, was
        text = text.replace(was, now, 1)
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.md"
        draft.write_text(text, encoding="utf-8")
        report = Path(tmp) / "report.html"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1732060800", "XMFACTS_FACTS": str(ROOT / "facts")}
        subprocess.run([sys.executable, "-m", "xmfacts", "check", "-f", str(draft), "--as-of", "2024-11-20",
                        "--format", "html", "-o", str(report)], env=env, check=False, cwd=tmp)
        with Browser(Path(tmp) / "profile") as browser:
            for name, (width, height, phone, mark) in {"desktop": (1100, 1000, False, "f1"), "phone": (390, 844, True, "f5")}.items():
                browser.open(report.as_uri() + f"?open={mark}", width, height, phone)
                browser.screenshot(ROOT / "docs" / f"report-{name}.png")
    print(f"{report.name}: {len(text)} characters of draft; wrote docs/report-desktop.png, docs/report-phone.png")


if __name__ == "__main__":
    main()
