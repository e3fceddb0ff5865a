"""Score `xmfacts check` on the held-out real-world sets of issue 21, through the CLI.

Each text of tests/realworld/heldout/*.toml is checked on its own, as a user would:

    xmfacts check - --as-of PUBLISHED --json        (text on standard input)

(`--as-of` is left out when the page gives no date.) Each labelled figure is matched to the
finding whose span overlaps it most (the labelled text is looked up in the text in order of
the labels, whole numbers only, never overlapping an earlier label). Per file and per script
(zh-Hans, zh-Hant, en) it prints:

- right: the verdict is the labelled one and, unless both say unknown, so is the fact;
- false alarms: mismatch or outdated where the label says otherwise (another verdict, or the
  same verdict against another fact);
- wrong ties: tied to a fact other than the labelled one (including any tie of a figure
  labelled unknown);
  (a tie to another observation of the labelled fact's series, for the same period and with the
  same figure, is the labelled fact: two pages printing one figure are two records of one claim);
  (of the wrong ties, those that match a fact first written to facts/ after the set's file was
  committed are counted apart too, as "recorded later": a set is labelled from the base as it
  was, and such a tie may say the label is older than the base rather than that check erred);
- missed: labelled with a fact, and the tool says unknown (or found no figure there);
- extra: findings on text no label covers, and how many of them are alarms.

It prints figures and asserts nothing: this is a measurement, not a test. Usage:

    python benchmarks/heldout.py [FILE.toml ...] [--set heldout|heldout2|…|heldout9] [--details]

With no files it scores tests/realworld/heldout (or, with --set heldout2 to heldout5, the second to
fifth set of passages in tests/realworld/heldout2 to heldout5, chosen for figures on record; with
--set heldout6, the sixth set, of new pages mostly off the record; with --set heldout7 and
heldout8, the seventh and eighth, of new pages chosen for figures on record; with --set heldout9,
the ninth, of pages dense in numbers that are no figures).
--details lists every wrong figure, for the tuning halves only: the frozen halves are for
measuring, never for tuning, so their figures are not listed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "realworld" / "heldout"
DEFAULT_FILES = ["sentences_frozen.toml", "sentences_tuning.toml", "passages_frozen.toml", "passages_tuning.toml"]
SETS = {
    "heldout": (HELDOUT, DEFAULT_FILES),
    "heldout2": (ROOT / "tests" / "realworld" / "heldout2", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout3": (ROOT / "tests" / "realworld" / "heldout3", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout4": (ROOT / "tests" / "realworld" / "heldout4", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout5": (ROOT / "tests" / "realworld" / "heldout5", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout6": (ROOT / "tests" / "realworld" / "heldout6", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout7": (ROOT / "tests" / "realworld" / "heldout7", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout8": (ROOT / "tests" / "realworld" / "heldout8", ["passages_frozen.toml", "passages_tuning.toml"]),
    "heldout9": (ROOT / "tests" / "realworld" / "heldout9", ["passages_frozen.toml", "passages_tuning.toml"]),
}
SCRIPTS = ("zh-Hans", "zh-Hant", "en")
ALARMS = {"mismatch", "outdated"}


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def locate(text: str, figures: list[str]) -> list[tuple[int, int] | None]:
    """Where each labelled figure text is: in label order, whole numbers only, no overlaps."""
    taken: list[tuple[int, int]] = []
    spans: list[tuple[int, int] | None] = []
    for figure in figures:
        found = None
        start = text.find(figure)
        while start >= 0 and found is None:
            end = start + len(figure)
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            clash = any(start < e and s < end for s, e in taken)
            cut_before = _ascii_alnum(figure[0]) and (_ascii_alnum(before) or (before == "." and figure[0].isdigit()))
            cut_after = _ascii_alnum(figure[-1]) and (
                _ascii_alnum(after) or (after == "." and figure[-1].isdigit() and text[end + 1 : end + 2].isdigit())
            )
            if not (clash or cut_before or cut_after):
                found = (start, end)
            else:
                start = text.find(figure, start + 1)
        spans.append(found)
        if found:
            taken.append(found)
    return spans


def xmfacts_command() -> list[str]:
    beside = Path(sys.executable).with_name("xmfacts")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("xmfacts")
    if not found:
        sys.exit("heldout: no xmfacts command (pip install -e . first)")
    return [found]


def check(command: list[str], text: str, published: str) -> list[dict]:
    args = [*command, "check", "-", "--json", *(["--as-of", published] if published else [])]
    done = subprocess.run(args, input=text, capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"heldout: {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    findings = json.loads(done.stdout or "[]")
    for f in findings:  # offsets are into the text as given; fall back on the text if they are not
        span = f["span"]
        if text[span["start"] : span["end"]] != span["text"]:
            at = text.find(span["text"])
            span["start"], span["end"] = (at, at + len(span["text"])) if at >= 0 else (-1, -1)
    return findings


@dataclass
class Score:
    right: int = 0
    total: int = 0
    false_alarms: int = 0
    wrong_ties: int = 0
    missed: int = 0
    on_record: int = 0
    extra: int = 0
    extra_alarms: int = 0
    later: int = 0  # wrong ties that match a fact recorded after the set was labelled
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("right", "total", "false_alarms", "wrong_ties", "missed", "on_record", "extra", "extra_alarms", "later"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        pct = f"{self.right / self.total:.0%}" if self.total else "-"
        return (
            f"  {label:<8} right {self.right:>3}/{self.total:<3} ({pct:>4})  false alarms {self.false_alarms:>2}  "
            f"wrong ties {self.wrong_ties:>2}{f' ({self.later} to facts recorded later)' if self.later else ''}  missed {self.missed}/{self.on_record} on record  "
            f"extra {self.extra} ({self.extra_alarms} alarms)"
        )


def _observations() -> dict[str, tuple[object, ...]]:
    """Each observation of a series as what it records: (topic, series, period, value, unit)."""
    out = {}
    for path in sorted((ROOT / "facts").glob("*.toml")):
        if path.name == "sources.toml":
            continue
        for f in tomllib.loads(path.read_text(encoding="utf-8")).get("fact", []):
            if f.get("series"):
                out[f"{path.stem}/{f['id']}"] = (path.stem, f["series"], f.get("as_of"), f.get("value"), f.get("unit"))
    return out


OBSERVATIONS = _observations()


def _first_recorded() -> dict[str, int]:
    """When each fact was first written to facts/ (a commit's time), from git; empty without git."""
    done = subprocess.run(["git", "log", "--reverse", "--format=commit-time %ct", "-p", "--", "facts/"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    out: dict[str, int] = {}
    when, topic = 0, ""
    for line in done.stdout.splitlines() if done.returncode == 0 else []:
        if line.startswith("commit-time "):
            when = int(line.split()[1])
        elif line.startswith("+++ b/facts/"):
            topic = line[len("+++ b/facts/") :].removesuffix(".toml")
        elif line.startswith('+id = "'):
            out.setdefault(f"{topic}/{line[7:].rstrip().rstrip(chr(34))}", when)
    return out


def _labelled(path: Path) -> int:
    """When a set file was first committed: its labels are as old as the base was then."""
    done = subprocess.run(["git", "log", "--reverse", "--format=%ct", "--", str(path)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    first = done.stdout.split()
    return int(first[0]) if done.returncode == 0 and first else 0


# A set is labelled from the fact base as it was; a fact recorded later (from that page or
# another printing the same figure) may be what the text says. A tie that matches one is still
# counted as a wrong tie, and counted apart too: it may say the label is older than the base.
RECORDED = _first_recorded()


def _same_record(got: str, want: str) -> bool:
    return got == want or (got in OBSERVATIONS and OBSERVATIONS.get(got) == OBSERVATIONS.get(want))


def score_item(command: list[str], item: dict, labelled: int = 0) -> Score:
    s = Score()
    text, labels = item["text"], item.get("figure", [])
    findings = [f for f in check(command, text, item.get("published", "")) if f["span"]["start"] >= 0]
    spans = locate(text, [f["text"] for f in labels])
    used: set[int] = set()
    for label, span in zip(labels, spans, strict=True):
        s.total += 1
        got = None
        if span:
            overlaps = [
                (min(span[1], f["span"]["end"]) - max(span[0], f["span"]["start"]), i)
                for i, f in enumerate(findings)
                if f["span"]["start"] < span[1] and span[0] < f["span"]["end"]
            ]
            if overlaps:
                got_i = max(overlaps)[1]
                used.add(got_i)
                got = findings[got_i]
        verdict = got["verdict"] if got else "unknown"
        fact = (got["fact"] or {}).get("id", "") if got else ""
        fact = fact if verdict != "unknown" else ""
        want_v, want_f = label["verdict"], label["fact"]
        fact = want_f if fact and _same_record(fact, want_f) else fact
        ok = verdict == want_v and (verdict == "unknown" or fact == want_f)
        s.right += ok
        if want_f:
            s.on_record += 1
            s.missed += verdict == "unknown"
        if verdict in ALARMS and not (verdict == want_v and fact == want_f):
            s.false_alarms += 1
        if fact and fact != want_f:
            s.wrong_ties += 1
            s.later += verdict == "match" and RECORDED.get(fact, 0) > labelled
        if not ok:
            s.wrong.append(f"    {label['text']!r}: want {want_v} {want_f or '-'}, got {verdict} {fact or '-'}  | {text[:60]!r}")
    for i, f in enumerate(findings):
        if i not in used:
            s.extra += 1
            if f["verdict"] in ALARMS:
                s.extra_alarms += 1
                s.wrong.append(f"    extra {f['span']['text']!r}: {f['verdict']} {(f['fact'] or {}).get('id', '')}  | {text[:60]!r}")
    return s


def main(argv: list[str]) -> None:
    details = "--details" in argv
    argv = [a for a in argv if a != "--details"]
    chosen = "heldout"
    if "--set" in argv:
        at = argv.index("--set")
        if at + 1 >= len(argv) or argv[at + 1] not in SETS:
            sys.exit(f"heldout: --set takes one of {', '.join(SETS)}")
        chosen = argv[at + 1]
        del argv[at : at + 2]
    unknown = [a for a in argv if a.startswith("--")]
    if unknown:
        sys.exit(f"heldout: unknown option {unknown[0]}")
    folder, default = SETS[chosen]
    names = argv or [str(folder / n) for n in default]
    command = xmfacts_command()
    for name in names:
        path = Path(name)
        items = tomllib.loads(path.read_text(encoding="utf-8"))["sentence"]
        labelled = _labelled(path)
        by_script = {script: Score() for script in SCRIPTS}
        for item in items:
            by_script[item["language"]].add(sc := score_item(command, item, labelled))
            by_script[item["language"]].wrong += sc.wrong
        whole = Score()
        for sc in by_script.values():
            whole.add(sc)
        kinds = Counter(item.get("kind", "sentence") for item in items)
        print(f"{path.name}: {len(items)} texts ({', '.join(f'{n} {k}s' for k, n in kinds.items())})")
        for script in SCRIPTS:
            print(by_script[script].line(script))
        print(whole.line("all"))
        if details and "frozen" not in path.name:
            for script in SCRIPTS:
                print("\n".join(by_script[script].wrong))


if __name__ == "__main__":
    main(sys.argv[1:])
