"""What every page owes a reader of health information: a description, review dates, key points."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.check.manifest import KEY_POINTS_KIND, KEY_POINTS_TITLE
from sitebuild.check.outline import FRONT_MATTER, content_lines, read_admonitions
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.load.page import Page

BULLET = re.compile(r"^[-*+]\s+(?=\S)")
FRONT_MATTER_END = re.compile(r"^(?:-{3}|\.{3})[ \t]*\n", re.M)  # as FRONT_MATTER ends it
# `reviewed` is when the editors last checked the text against its sources (not a clinical review).
DATE_FIELDS = {
    "reviewed": "the date the text was last checked against its sources",
    "next_review": "the date its next check is due",
}


@dataclass(frozen=True)
class ClinicalReview:  # a clinician's review of a page, as its front matter records it
    name: str
    credential: str
    date: dt.date


def front_matter(source: str) -> tuple[dict[str, Any], Problem | None]:
    """The page's YAML front matter, or the problem that keeps it from being read (no file yet)."""
    match, opening = FRONT_MATTER.match(source), re.match(r"-{3}[ \t]*\n", source)
    if not match and opening and not FRONT_MATTER_END.search(source, opening.end()):
        # MkDocs would publish its lines as the page's first paragraph.
        wrong = "MkDocs finds no line that closes it (--- or ..., then a line break)"
        return {}, Problem("", "front matter", wrong, "end it with a line of ---", 1)
    if not match:
        return {}, None
    fix = "correct the YAML between the --- lines"
    data, problems = strict_yaml.load(match[1][:-1], "", fix=fix, dates_as_text=True, first_line=2)
    if problems:
        return {}, replace(problems[0], place="front matter")
    if data is not None and not isinstance(data, dict):
        return {}, Problem("", "front matter", "it is not a mapping", "write `key: value` lines", 2)
    return data or {}, None


def check_front_matter(page: Page, today: dt.date) -> tuple[list, list]:
    """Errors (no description, missing or bad dates) and warnings (review overdue) for one page."""
    file, meta, problem = f"docs/{page.path}", page.meta, page.meta_problem
    if problem:
        return [replace(problem, file=file, line=problem.line or 1)], []
    wrong = [("description", *_description_problem(meta.get("description")))]
    wrong += [("clinical_review", found.problem, found.fix) for found in clinical_review(meta)[1]]
    dates = {key: read_date(meta.get(key)) for key in DATE_FIELDS}
    wrong += [(k, dates[k][1], f"add `{k}: YYYY-MM-DD`, {m}") for k, m in DATE_FIELDS.items()]
    (reviewed, _), (due, _) = dates.values()
    if reviewed and due and due <= reviewed:
        fix = "set the next review after the last one"
        wrong.append(("next_review", "it is not after `reviewed`", fix))
    errors = [Problem(file, f"front matter `{k}`", w, fix, 1) for k, w, fix in wrong if w]
    if not reviewed or not due or due <= reviewed or due >= today:
        return errors, []
    late = f"the page was due to be checked against its sources on {due:%Y-%m-%d}"
    fix = "check the page against its sources, then update `reviewed` and `next_review`"
    return errors, [Problem(file, "review", late, fix, 1)]


def check_unique_descriptions(pages: dict[str, Page]) -> list[Problem]:
    """No two pages share a description: a search result must say which page it is."""
    seen: dict[str, str] = {}  # each description, and the first page that gives it
    problems, fix = [], "describe what this page alone covers"
    for page, record in pages.items():
        description = " ".join(str(record.meta.get("description") or "").split())
        if description in seen:
            same = f"it is the same as {seen[description]}'s"
            problems.append(Problem(f"docs/{page}", "front matter `description`", same, fix, 1))
        elif description:
            seen[description] = f"docs/{page}"
    return problems


def check_key_points(page: str, source: str) -> list[Problem]:
    """An article page opens with a "Key points" box of 3 to 5 bullets, right under its title."""
    boxes, title = read_admonitions(source), KEY_POINTS_TITLE
    box = next((box for box in boxes if box.title == title), None)
    near = next((b for b in boxes if b.title.casefold() == title.casefold()), None)
    first = next((n for n, line in content_lines(source) if line.strip() and line[:2] != "# "), 0)
    bullets = len([line for line in box.body.splitlines() if BULLET.match(line)]) if box else 0
    form, line = f'`!!! {KEY_POINTS_KIND} "{title}"`', box.line if box else near and near.line
    if not box and near:
        said = f"the box is titled {near.title!r}", f'title it exactly "{title}"'
    elif not box:
        said = "the page has no key points box", f"add {form} with 3 to 5 bullets under the title"
    elif first != box.line:
        said = "the box is not at the top of the page", "move it right under the page's title"
    elif box.kind != KEY_POINTS_KIND or box.marker != "!!!":
        said = f"the box is a `{box.marker} {box.kind}`", f"write it as {form}"
    elif bullets not in range(3, 6):
        said = f"it has {bullets} bullets", "give 3 to 5 bullets, each a claim the page makes"
    else:
        return []
    return [Problem(f"docs/{page}", title, *said, line)]


def clinical_review(meta: dict[str, Any]) -> tuple[ClinicalReview | None, list[Problem]]:
    """The page's clinical review, if its front matter records one: who and when."""
    value = meta.get("clinical_review")
    if value is None:
        return None, []
    fields = value if isinstance(value, dict) else {}
    missing = [k for k in ("name", "credential", "date") if not str(fields.get(k) or "").strip()]
    date, error = read_date(fields.get("date")) if not missing else (None, "")
    if missing or error:
        wrong = f"lacks {', '.join(missing)}" if missing else f"its date: {error}"
        fix = "write clinical_review: with name, credential (e.g. MD, consultant in pain medicine)"
        fix += " and date: YYYY-MM-DD, or remove it until a clinician has reviewed the page"
        return None, [Problem("", "front matter `clinical_review`", wrong, fix)]
    name, credential = (" ".join(str(fields[key]).split()) for key in ("name", "credential"))
    return ClinicalReview(name, credential, date), []


def read_date(value: Any) -> tuple[dt.date | None, str]:
    """A front-matter date (YAML gives one for an unquoted ISO date), or what is wrong with it."""
    if value is None or value == "":
        return None, "it is missing"
    if isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value, ""
    try:
        return dt.date.fromisoformat(str(value)), ""
    except ValueError:
        return None, f"{value!r} is not a date"


def _description_problem(value: Any) -> tuple[str, str]:
    """What is wrong with a description and its fix, or two empty strings."""
    description = " ".join(str(value or "").split())
    if value is not None and not isinstance(value, str):
        return f"it is a {strict_yaml.kind(value)}, not text", "write one sentence in quotes"
    if not description:
        return "it is missing", "add `description:`, one sentence saying what the page covers"
    if len(description) not in range(50, 161):  # search engines show about 155 characters
        return f"it is {len(description)} characters long", "write 50 to 160 characters"
    return "", ""
