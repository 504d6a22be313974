from sitebuild.render import FaqHeadingsExtension as makeExtension  # noqa: F401 (its name)
