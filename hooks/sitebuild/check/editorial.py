"""The site's own additions keep to what the article and its sources say.

One entry point for sitebuild/check/run.py, over the citation map, the sources' findings, the key
points' vocabulary and the ties of hooks/site_words.yml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitebuild.check.citation_map import CITATIONS_NAME, check_citation_map
from sitebuild.check.key_point_words import check_key_point_words
from sitebuild.check.references import REFERENCES_NAME
from sitebuild.check.site_words import check_pages_named, check_site_words, check_supported
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.load.project import Project


def editorial_problems(project: Project, skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Every footnote declared and supported; every key point and note tied to its words.

    Pages in `skip` already have a problem in the author's text: a key point or citation that no
    longer matches it would only repeat that problem.
    """
    problems: list[Problem] = []
    citations, words, vocabulary = project.citations, project.site_words, project.vocabulary
    for key, ref in project.references.items():
        support = " ".join(quote for quote, _ in ref.evidence)
        place, line = f"source {key!r} finding", ref.line or None
        problems += check_supported(REFERENCES_NAME, place, ref.finding, support, line)
    # With no readable sources or citation map, every key would look unknown: their lines say why.
    if project.references and citations is not None:
        found = check_citation_map(project.sources, citations, set(project.references))
        problems += [p for p in found if (p.page or p.file.removeprefix("docs/")) not in skip]
        for c in citations:
            place = f"{c.page} [^{c.key}]"
            problems += check_supported(CITATIONS_NAME, place, c.claim, c.support, c.line)
    tie = words if citations is not None else None  # key points are tied when citations are read
    if words:
        # A page the manifest lists but that is gone has its own line (check/sections.py).
        listed = set(project.manifest.pages) if project.manifest else set()
        problems += check_pages_named(words, set(project.pages) | set(project.unreadable) | listed)
    for page, record in project.pages.items():
        if page in skip:
            continue
        cited = [(c.claim, c.support) for c in citations or () if c.page == page]
        tied = check_site_words(record, tie, cited) if tie else []
        # A bullet found to change its words' strength needs no second line for its vocabulary.
        said = {(problem.file, problem.line) for problem in tied}
        found = check_key_point_words(page, record.source, vocabulary) if vocabulary else []
        problems += tied + [p for p in found if (p.file, p.line) not in said]
    return problems
