"""Tables of patterns (regexes, selectors, word lists) used by the parsers, kept apart from logic."""
