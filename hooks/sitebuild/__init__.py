"""The build's plain modules, by stage: load → check → render → finish (hooks/README.md)."""
