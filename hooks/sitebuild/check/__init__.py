"""Every check of what a maintainer can change; run.py runs them in two steps: inputs, rendered."""
