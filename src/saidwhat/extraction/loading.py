"""Where the ``paragraph_sentences`` entry point pointed before the stages became packages.

An install made before the move lists ``saidwhat.extraction.loading:paragraph_sentences`` in its
entry points, and spaCy imports every entry point when it loads a pipeline: this keeps such an install
working until it is reinstalled (``make setup``). Delete it then; the component is in ``text.loading``.
"""

from saidwhat.extraction.text.loading import paragraph_sentences

__all__ = ["paragraph_sentences"]
