"""Read every input once: files as UTF-8 text inside the project, YAML strictly, each page into one record."""
