"""What every page owes a reader of health information: a description, review dates, key points.

Pure functions over a page's source text; `today` is passed in, so the tests
choose the date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

import sitebuild.strict_yaml as strict_yaml
from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.outline import FRONT_MATTER, content_lines, read_admonitions
from sitebuild.problems import Problem

DESCRIPTION_LENGTH = range(50, 161)  # search engines show about 155 characters
KEY_POINTS_COUNT = range(3, 6)
BULLET = re.compile(r"^[-*+]\s+\S")
# `reviewed` is when the editors last checked the text against its sources (not a clinical review).
DATE_FIELDS = {"reviewed": "the date the text was last checked against its sources", "next_review": "the date its next check is due"}
CLINICAL_REVIEW_FIELDS = ("name", "credential", "date")


@dataclass(frozen=True)
class ClinicalReview:
    """A clinician's review of a page, as its front matter records it."""

    name: str
    credential: str
    date: dt.date


# Each page's front matter is read by several checks: parse it once (callers do not change the result).
@functools.lru_cache(maxsize=64)
def front_matter(source: str) -> tuple[dict[str, Any], Problem | None]:
    """The page's YAML front matter, or the problem that keeps it from being read (its file left for the caller)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, None
    body = match.group(0).split("\n", 1)[1].rsplit("\n", 2)[0]
    data, problems = strict_yaml.load(body, "", fix="correct the YAML between the --- lines", dates_as_text=True, first_line=2)
    if problems:
        return {}, Problem("", "front matter", problems[0].problem, problems[0].fix, problems[0].line)
    if data is None:
        return {}, None
    return (data, None) if isinstance(data, dict) else ({}, Problem("", "front matter", "it is not a mapping", "write `key: value` lines", 2))


def check_front_matter(page: str, source: str, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """Errors (no description, missing or bad dates) and warnings (review overdue) for one page."""
    file = f"docs/{page}"
    meta, problem = front_matter(source)
    if problem:
        return [Problem(file, problem.place, problem.problem, problem.fix, problem.line or 1)], []
    errors = _check_description(file, meta.get("description"))
    errors += clinical_review(meta)[1]
    errors = [Problem(file, e.place, e.problem, e.fix, 1) if not e.file else e for e in errors]
    dates = {}
    for field, meaning in DATE_FIELDS.items():
        value, error = read_date(meta.get(field))
        if error:
            errors.append(Problem(file, f"front matter `{field}`", error, f"add `{field}: YYYY-MM-DD`, {meaning}", 1))
        else:
            dates[field] = value
    if len(dates) < 2:
        return errors, []
    if dates["next_review"] <= dates["reviewed"]:
        errors.append(Problem(file, "front matter `next_review`", "it is not after `reviewed`", "set the next review after the last one", 1))
        return errors, []
    if dates["next_review"] < today:
        overdue = Problem(
            file,
            "review",
            f"the page was due to be checked against its sources on {dates['next_review']:%Y-%m-%d}",
            "check the page against its sources, then update `reviewed` and `next_review`",
            1,
        )
        return errors, [overdue]
    return errors, []


def check_unique_descriptions(sources: dict[str, str]) -> list[Problem]:
    """No two pages share a description: each result in a search engine must say which page it is."""
    seen: dict[str, str] = {}
    problems = []
    for page, source in sources.items():
        description = " ".join(str(front_matter(source)[0].get("description") or "").split())
        if description and description in seen:
            problems.append(
                Problem(f"docs/{page}", "front matter `description`", f"it is the same as {seen[description]}'s", "describe what this page alone covers", 1)
            )
        seen.setdefault(description, f"docs/{page}")
    return problems


def check_key_points(page: str, source: str) -> list[Problem]:
    """An article page opens with a "Key points" box of 3 to 5 bullets, right under its title."""
    file = f"docs/{page}"
    admonitions = read_admonitions(source)
    boxes = [box for box in admonitions if box.title == KEY_POINTS_TITLE]
    if not boxes:
        near = next((box for box in admonitions if box.title.casefold() == KEY_POINTS_TITLE.casefold()), None)
        if near:
            return [Problem(file, KEY_POINTS_TITLE, f"the box is titled {near.title!r}", f'title it exactly "{KEY_POINTS_TITLE}"', near.line)]
        return [
            Problem(file, KEY_POINTS_TITLE, "the page has no key points box", f'add `!!! abstract "{KEY_POINTS_TITLE}"` with 3 to 5 bullets under the title')
        ]
    box = boxes[0]
    first = next((number for number, line in content_lines(source) if line.strip() and not line.startswith("# ")), None)
    if first != box.line:
        return [Problem(file, KEY_POINTS_TITLE, "the box is not at the top of the page", "move it right under the page's title", box.line)]
    if box.kind != "abstract" or box.marker != "!!!":
        return [Problem(file, KEY_POINTS_TITLE, f"the box is a `{box.marker} {box.kind}`", f'write it as `!!! abstract "{KEY_POINTS_TITLE}"`', box.line)]
    bullets = [line for line in box.body.splitlines() if BULLET.match(line)]
    if len(bullets) not in KEY_POINTS_COUNT:
        return [Problem(file, KEY_POINTS_TITLE, f"it has {len(bullets)} bullets", "give 3 to 5 bullets, each a claim the page makes", box.line)]
    return []


def clinical_review(meta: dict[str, Any]) -> tuple[ClinicalReview | None, list[Problem]]:
    """The page's clinical review, if its front matter records one: who (name and credential) and when."""
    value = meta.get("clinical_review")
    if value is None:
        return None, []
    fix = (
        "write clinical_review: with name, credential (e.g. MD, consultant in pain medicine) and date: YYYY-MM-DD,"
        " or remove it until a clinician has reviewed the page"
    )
    fields = value if isinstance(value, dict) else {}
    missing = [name for name in CLINICAL_REVIEW_FIELDS if not str(fields.get(name) or "").strip()]
    if missing:
        return None, [Problem("", "front matter `clinical_review`", f"lacks {', '.join(missing)}", fix)]
    date, error = read_date(fields["date"])
    if error:
        return None, [Problem("", "front matter `clinical_review`", f"its date: {error}", fix)]
    return ClinicalReview(" ".join(str(fields["name"]).split()), " ".join(str(fields["credential"]).split()), date), []


def read_date(value: Any) -> tuple[dt.date | None, str]:
    """A front-matter date (YAML gives a date for an unquoted ISO date), or what is wrong with it."""
    if value is None or value == "":
        return None, "it is missing"
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    try:
        return dt.date.fromisoformat(str(value)), ""
    except ValueError:
        return None, f"{value!r} is not a date"


def _check_description(file: str, value: Any) -> list[Problem]:
    if value is not None and not isinstance(value, str):
        return [Problem(file, "front matter `description`", f"it is a {type(value).__name__}, not text", "write one sentence in quotes", 1)]
    description = " ".join(str(value or "").split())
    if not description:
        return [Problem(file, "front matter `description`", "it is missing", "add `description:`, one sentence saying what the page covers", 1)]
    if len(description) not in DESCRIPTION_LENGTH:
        return [Problem(file, "front matter `description`", f"it is {len(description)} characters long", "write 50 to 160 characters", 1)]
    return []
