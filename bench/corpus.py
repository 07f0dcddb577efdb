"""A synthetic corpus of review documents with planted defects, for ``bench/run.py --generate N``.

The corpus is a git repository (so tracked-file logic applies) of N files shaped like a
team's review folder: design documents, implementation plans, review reports and
retrospectives that link each other and their sections, with front matter, tables, code
fences (some holding conflict-marker look-alikes and setext underlines that are not
defects), a template, a few scripts, YAML files and binary images. About one document in
thirty carries each planted defect: a committed merge conflict, mojibake, a cp1252
file, a link to a missing or misspelt file, an anchor to a renamed heading, a missing
required section. What was planted is written beside the corpus (``<corpus>.planted.json``),
not inside it. The same N and seed give the same bytes.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

KINDS = ("design", "plan", "report", "retro")
SECTIONS = {
    "design": ["Summary", "Context", "Goals and Non-Goals", "Design", "Alternatives Considered", "Risks"],
    "plan": ["Summary", "Milestones", "Work Breakdown", "Testing", "Rollout"],
    "report": ["Executive Summary", "Scope", "Findings", "Test Results", "Recommendations", "Approval"],
    "retro": ["Summary", "What Went Well", "What Went Wrong", "Action Items"],
}
TEAMS = ("payments", "search", "identity", "storage", "mobile", "platform", "growth", "infra")
WORDS = ("latency budget cache shard replica rollout canary migration schema index queue retry backoff "
         "throughput owner review approval risk dependency contract endpoint quota fallback alert "
         "dashboard incident timeline baseline regression capacity deadline milestone").split()
MOJIBAKE = ("donâ€™t", "âœ… done", "â€“ pending", "ðŸŽ¯ target", "‚úÖ shipped", "caf\u00c3\u00a9")
CONFIG = """\
[required-headings]
[[required-headings.kind]]
name = "review-report"
files = ["reviews/**/report-*.md"]
template = "templates/review-report-template.md"

[[required-headings.kind]]
name = "retrospective"
files = ["reviews/**/retro-*.md"]
headings = ["## Summary", "## What Went Well", "## Action Items"]
"""
FENCE_LOOKALIKES = "```text\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\n```\n"


def generate(count: int, out: Path, seed: int = 7) -> Path:
    """Write the corpus to ``out`` (which must not exist), commit it, and return ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True)
    names = _names(count, rng)
    planted: list[dict[str, str]] = []
    (out / "templates").mkdir()
    template = "# Review Report\n\n" + "".join(f"## {title}\n\nTo fill in.\n\n" for title in SECTIONS["report"])
    (out / "templates/review-report-template.md").write_text(template)
    (out / ".review-hooks.toml").write_text(CONFIG)
    for index, name in enumerate(names):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".md"):
            data, defects = _document(name, names, rng, index)
        else:
            data, defects = _other(name, rng)
        path.write_bytes(data)
        planted.extend({"path": name, "defect": defect} for defect in defects)
    _commit(out)
    out.with_name(out.name + ".planted.json").write_text(json.dumps(planted, indent=1))
    return out


def _names(count: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    while len(names) < count - 2:  # two files are the template and the configuration
        team, year = rng.choice(TEAMS), rng.choice((2023, 2024, 2025))
        roll = rng.random()
        if roll < 0.86:
            names.append(f"reviews/{team}/{year}/{rng.choice(KINDS)}-{len(names):05d}.md")
        elif roll < 0.93:
            tool = rng.choice(("sync", "deploy", "settings"))
            names.append(f"tools/{team}/{tool}-{len(names):05d}{rng.choice(('.py', '.sh', '.yaml'))}")
        else:
            names.append(f"reviews/{team}/assets/diagram-{len(names):05d}.png")
    return names


def _document(name: str, names: list[str], rng: random.Random, index: int) -> tuple[bytes, list[str]]:
    kind = name.rsplit("/", 1)[1].split("-", 1)[0]
    sections = list(SECTIONS[kind])
    defects: list[str] = []
    if kind in ("report", "retro") and rng.random() < 0.04:
        sections.remove(rng.choice(sections[1:]))
        defects.append("missing-heading")
    title = f"{kind.title()} {index}: {' '.join(rng.choices(WORDS, k=3))}"
    parts = [f"---\nreview-kind: {kind}\nowner: {rng.choice(TEAMS)}\n---\n"] if rng.random() < 0.5 else []
    parts.append(f"# {title}\n")
    links = [n for n in rng.choices(names, k=6) if n.endswith(".md") and n != name]
    for number, section in enumerate(sections):
        parts.append(f"## {section}\n\n{_paragraph(rng)}\n")
        if number == 1 and links:
            parts.append("".join(f"- [{Path(t).stem}]({_relative(name, t)}#{_anchor(t)})\n" for t in links[:3]))
        if rng.random() < 0.3:
            parts.append(_table(rng))
        if rng.random() < 0.15:
            parts.append(FENCE_LOOKALIKES if rng.random() < 0.05 else "```python\nprint('ok')\n```\n")
        parts.append("".join(f"{_paragraph(rng)}\n\n" for _ in range(rng.randint(1, 5))))
    parts.append("Notes\n=======\n\nSee [the top](#" + _slug(title) + ").\n")
    text = "\n".join(parts)
    text, planted = _plant(text, name, rng)
    defects.extend(planted)
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.02:
        defects.append("cp1252")
        return (text + "Caf\u00e9 \u2019notes\u2019\n").encode("cp1252", "replace"), defects
    return text.encode("utf-8"), defects


def _plant(text: str, name: str, rng: random.Random) -> tuple[str, list[str]]:
    defects: list[str] = []
    if rng.random() < 0.03:
        text = text.replace("## ", "<<<<<<< HEAD\n## ", 1)
        text += "=======\nTheir version of the end.\n>>>>>>> origin/main\n"
        defects.append("conflict")
    if rng.random() < 0.04:
        text = text.replace(". ", f". {rng.choice(MOJIBAKE)} ", 1)
        defects.append("mojibake")
    if rng.random() < 0.04:
        text += f"\nSee also [the old plan](./{Path(name).stem}.mdd).\n"
        defects.append("broken-link")
    if rng.random() < 0.03:
        text += "\nJump to [the renamed part](#section-that-was-renamed).\n"
        defects.append("broken-anchor")
    return text, defects


def _other(name: str, rng: random.Random) -> tuple[bytes, list[str]]:
    if name.endswith(".png"):
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(rng.randint(2000, 30000)), []
    if name.endswith(".yaml"):
        return "".join(f"{w}: {rng.randint(1, 99)}\n" for w in rng.choices(WORDS, k=40)).encode(), []
    lines = [f"# {_paragraph(rng)[:70]}"] + [f"echo {' '.join(rng.choices(WORDS, k=5))}" for _ in range(60)]
    return ("\n".join(lines) + "\n").encode(), []


def _paragraph(rng: random.Random) -> str:
    sentences = [" ".join(rng.choices(WORDS, k=rng.randint(6, 16))).capitalize() + "." for _ in range(4)]
    return " ".join(sentences)


def _table(rng: random.Random) -> str:
    rows = "".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 500)} ms | {rng.choice(('ok', 'slow'))} |\n"
                   for _ in range(rng.randint(3, 8)))
    return "| metric | value | status |\n|---|---|---|\n" + rows


def _relative(source: str, target: str) -> str:
    depth = source.count("/")
    return "../" * depth + target if depth else "./" + target


def _anchor(target: str) -> str:
    """The anchor of the first section of ``target`` (never removed by a planted defect)."""
    return _slug(SECTIONS[target.rsplit("/", 1)[1].split("-", 1)[0]][0])


def _slug(title: str) -> str:
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c in "-_")


def _commit(folder: Path) -> None:
    environment = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
                   "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["config", "core.autocrlf", "false"], ["add", "-A"], ["commit", "-qm", "corpus"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=environment)
