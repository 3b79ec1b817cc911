"""Stage 3, cues: the words that report speech (``Attribution``), with who they say speaks and what.

Cues only propose; nothing here decides which quote a cue owns (``candidates``).
"""
