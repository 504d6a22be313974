from sitebuild.render import PageMarkupExtension as makeExtension  # noqa: F401 (its name)
