"""Stage 6, report: which candidates are quotes under the guideline, their kind, confidence, and the
``Extraction`` of one article."""
