"""The build in the pipeline's stages, load → check → render → finish (hooks/README.md), as plain
modules: MkDocs glue is hooks/mkdocs_pipeline.py; `python -m sitebuild` runs the steps without a
builder, so that no builder can skip them (BUILDERS.md)."""
