"""The build's plain modules, by stage: load → check → render → finish (hooks/README.md);
`python -m sitebuild` runs the steps without a builder, so that no builder can skip them."""
