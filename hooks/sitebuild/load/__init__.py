"""Read every input once: UTF-8 text inside the project, YAML strictly, each page one record."""
