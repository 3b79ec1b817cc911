"""Stage 4, candidates: which cue owns which quote and of what type, and the quotes that belong together."""
