"""Word lists of the meeting extractor: data only, in simplified characters.

Matching runs on folded text (see ``fold.py``), so traditional-character reports need no
separate lists. Each module is one kind of word; ``patterns.py`` compiles them into regexes.
"""
