from sitebuild.render import SourceFootnotesExtension as makeExtension  # noqa: F401 (its name)
