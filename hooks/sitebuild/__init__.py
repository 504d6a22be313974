"""The site's build steps that run outside MkDocs too, so that no builder can skip them (BUILDERS.md)."""
