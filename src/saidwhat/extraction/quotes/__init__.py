"""Stage 2, quotes: text between quotation marks (``Quoted``), and whether a quoted string is speech."""
