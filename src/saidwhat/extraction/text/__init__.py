"""Stage 1, text: the article's text parsed once by spaCy into a Doc (the only place spaCy is loaded)."""
