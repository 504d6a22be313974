"""The site's own additions keep to what the article and its sources say.

One entry point for sitebuild/checks.py: the citation map and each cited
claim's strength against its support (sources/citation_map.py), each source's
finding against its recorded evidence, the key points' vocabulary
(key_point_words.py), and the key points and editor's notes tied to their
words (site_words.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitebuild.check.key_point_words import check_key_point_words
from sitebuild.check.site_words import check_pages_named, check_site_words, check_supported
from sitebuild.problems import Problem
from sitebuild.sources.citation_map import CITATIONS_NAME, check_citation_map
from sitebuild.sources.references import REFERENCES_NAME

if TYPE_CHECKING:
    from sitebuild.project import Project


def editorial_problems(project: Project, skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Every footnote declared and supported; every key point and note tied to its words.

    Pages in `skip` already have a problem in the author's text: a key point
    or citation that no longer matches it would only repeat that problem.
    """
    problems: list[Problem] = []
    citations, known_keys = project.citations, set(project.references)
    for key, source in project.references.items():
        support = " ".join(quote for quote, _ in source.evidence)
        problems += check_supported(REFERENCES_NAME, f"source {key!r} finding", source.finding, support, source.line or None)
    # With no readable sources or citation map every key would look unknown: their own problems say why.
    if known_keys and citations is not None:
        problems += [
            problem
            for problem in check_citation_map(project.pages, citations, known_keys)
            if problem.file.removeprefix("docs/") not in skip and problem.place.split(" [^")[0] not in skip
        ]
        for citation in citations:
            problems += check_supported(CITATIONS_NAME, f"{citation.page} [^{citation.key}]", citation.claim, citation.support, citation.line)
    if project.site_words:
        # A page the manifest lists but that is gone has its own line (check/sections.py).
        listed = set(project.manifest.pages) if project.manifest else set()
        problems += check_pages_named(project.site_words, set(project.pages) | set(project.unreadable) | listed)
    for page, source in project.pages.items():
        if page in skip:
            continue
        found = []
        if project.site_words and citations is not None:
            cited = [(c.claim, c.support) for c in citations if c.page == page]
            found = check_site_words(page, source, project.site_words, cited)
        # A bullet already found to change its words' strength needs no second line for its vocabulary.
        said = {(problem.file, problem.line) for problem in found}
        if project.vocabulary:
            found += [problem for problem in check_key_point_words(page, source, project.vocabulary) if (problem.file, problem.line) not in said]
        problems += found
    return problems
