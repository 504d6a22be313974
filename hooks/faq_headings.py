"""Give each FAQ question (a `??? question` admonition) a heading and its own search result.

HTML allows a heading inside <summary>. With one, each question is a link
target (Material opens a closed <details> that holds the URL's target) and
screen-reader users can move between questions by heading. Material's search
ends a heading's part where the heading's parent (<summary>) ends, so the
answers are moved into their questions' search entries after the build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markdown.extensions.toc import slugify, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

QUESTION = re.compile(r'(<details class="question"(?: open="open")?>\s*)<summary>(.*?)</summary>(.*?)</details>', re.S)
HTML_ID = re.compile(r'\sid="([^"]+)"')
TAG = re.compile(r"<[^>]+>")
QUESTION_LEVEL = 2  # questions sit directly under the FAQ page's title

# Answers of this build, by search location ("faq/#question-id"); reset in on_config.
answers: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> None:
    """Start every build, including each `mkdocs serve` rebuild, with no answers."""
    answers.clear()


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Turn each question's summary into a heading, and keep its answer for the search index."""
    html, found = add_question_headings(html)
    answers.update({f"{page.url}#{anchor}": answer for anchor, answer in found.items()})
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    """Put each answer in its question's search entry instead of the page's."""
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if answers and index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index["docs"] = move_answers(index["docs"], answers)
        index_path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def add_question_headings(html: str) -> tuple[str, dict[str, str]]:
    """Wrap each question's summary in a heading with a unique id; return the answers by id."""
    taken = set(HTML_ID.findall(html))
    found: dict[str, str] = {}

    def with_heading(match: re.Match[str]) -> str:
        opening, title, answer = match.groups()
        anchor = unique(slugify(TAG.sub("", title), "-"), taken)
        found[anchor] = answer
        level = QUESTION_LEVEL
        return f'{opening}<summary><h{level} id="{anchor}" class="faq-question">{title}</h{level}></summary>{answer}</details>'

    return QUESTION.sub(with_heading, html), found


def move_answers(entries: list[dict], answers_by_location: dict[str, str]) -> list[dict]:
    """Search entries with each answer's text under its question, and not under the page too."""
    texts = {location: search_text(answer) for location, answer in answers_by_location.items()}
    moved = []
    for entry in entries:
        entry = dict(entry)
        if entry["location"] in texts:
            entry["text"] = texts[entry["location"]]
        else:
            for location, text in texts.items():
                if location.split("#")[0] == entry["location"].split("#")[0]:
                    entry["text"] = " ".join(entry["text"].replace(text, " ").split())
        moved.append(entry)
    return moved


def search_text(answer_html: str) -> str:
    """An answer as Material's search index writes text: paragraphs kept, other tags dropped, white space folded."""
    paragraphs = re.sub(r"<(/?)p\b[^>]*>", r"<\1p>", answer_html)
    return " ".join(re.sub(r"<(?!/?p>)[^>]+>", "", paragraphs).split())  # inline tags (a tooltip's <abbr>) go
