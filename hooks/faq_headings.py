"""Give each FAQ question its own search result, with its answer.

Each question is a heading inside its <summary>, made while the Markdown is
rendered (hooks/faq_markdown.py, added to the Markdown extensions here).
Material's search ends a heading's part where the heading's parent (<summary>)
ends, so the answers are moved into their questions' search entries after the
build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.markdown.faq_headings import FaqHeadingsExtension

# A question's heading, the permalink right after its summary (hooks/faq_markdown.py), and its answer.
QUESTION = re.compile(
    r'<details class="question"(?: open="open")?>\s*<summary><h2\b[^>]*\bid="([^"]+)"[^>]*>.*?</h2></summary>'
    r'\s*(?:<a class="headerlink"[^>]*>.*?</a>)?(.*?)</details>',
    re.S,
)

# Answers of this build, by search location ("faq/#question-id"); reset in on_config.
answers: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start every build, including each `mkdocs serve` rebuild, with no answers; render questions as headings."""
    answers.clear()
    # mkdocs.yml cannot name the extension: hooks/ is not importable while MkDocs checks the config.
    if not any(isinstance(extension, FaqHeadingsExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(FaqHeadingsExtension())
    return config


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each question's answer for the search index."""
    answers.update({f"{page.url}#{anchor}": answer for anchor, answer in question_answers(html).items()})
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    """Put each answer in its question's search entry instead of the page's."""
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if answers and index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index["docs"] = move_answers(index["docs"], answers)
        index_path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def question_answers(html: str) -> dict[str, str]:
    """Each question's answer (HTML), by the id of its heading."""
    return {anchor: answer for anchor, answer in QUESTION.findall(html)}


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
