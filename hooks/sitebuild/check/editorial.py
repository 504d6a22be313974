"""The site's own additions keep to what the article and its sources say (issue 16).

One entry point for guard_content.py: the citation map (citation_map.py) and
the key points' vocabulary (key_point_words.py). Kept apart from the guard so
the guard's other checks can change without touching these.
"""

from __future__ import annotations

from sitebuild.check.key_point_words import check_key_point_words, load_vocabulary
from sitebuild.check.manifest import Problem
from sitebuild.sources.citation_map import check_citation_map, load_citations


def editorial_problems(sources: dict[str, str], known_keys: set[str], skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Every footnote declared in the citation map; every key point in its page's words.

    Pages in `skip` already have a problem in the author's text: a key point
    or citation that no longer matches it would only repeat that problem.
    """
    citations, problems = load_citations()
    # With no readable sources every key would look unknown; sources.py already reports why.
    if known_keys and not problems:
        problems += [
            problem
            for problem in check_citation_map(sources, citations, known_keys)
            if problem.file.removeprefix("docs/") not in skip and problem.place.split(" [^")[0] not in skip
        ]
    vocabulary, vocabulary_problems = load_vocabulary()
    problems += vocabulary_problems
    for page, source in sources.items() if vocabulary else ():
        if page not in skip:
            problems += check_key_point_words(page, source, vocabulary)
    return problems
