"""The site's build, in the pipeline's stages: load → check → render → finish (hooks/README.md).

Plain modules, no MkDocs glue (that is hooks/mkdocs_pipeline.py); `python -m sitebuild` runs the
steps without a builder, so that no builder can skip them (BUILDERS.md). problems.py is every
stage's one kind of problem; html_reading.py the one HTML reader the checks and finishing share.
"""
