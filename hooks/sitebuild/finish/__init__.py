"""The pass over the built site (site.py), its search index, and its verification as published."""
