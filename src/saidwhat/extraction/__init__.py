"""Finding who said what in one article: the stages, in the order the data flows.

This list is the one place the order is written; README's architecture, ``pipeline`` and
``report.build`` refer to it. Each stage reads what the stages before it made (frozen values with
character offsets into the article's text) and nothing after it; ``tests/test_import_graph.py`` checks
that no stage imports a later one.

1. text        ``text.loading`` (the only module that loads spaCy; a line break ends a sentence),
               ``text.fastannotate`` (cached tagger rules), ``text.sentences`` (the sentence of a token):
               Article text -> parsed Doc
2. quotes      ``quotes.marks``: quotation marks paired -> ``Quoted``; ``quotes.ranges`` (offset
               helpers); ``quotes.not_speech`` (titles, a document's wording, scare quotes)
3. cues        ``cues.reporting`` (reporting verbs, "according to", speech nouns, stance adjectives ->
               ``Attribution``), ``cues.cue_model`` (the logistic model that scores each verb),
               ``cues.special`` (transcript labels, Q&A answers, headline sources, dash credits, an
               introducing colon), ``cues.layout`` (link lines, captions, section labels)
4. candidates  ``candidates.pairing``: which cue owns which quote, and its type -> ``Candidate``;
               ``candidates.boundaries`` (where a quote's pieces begin and end); ``candidates.joining``
               (halves of interrupted quotes, quotes that continue a speaker)
5. speakers    ``speakers`` (mentions -> the article's entity table -> linking rules: each mention
               resolved to a ``Speaker``), with ``speakers.names`` (names in the Doc),
               ``speakers.gazetteer`` (places, particles) and ``speakers.gender`` (gender evidence)
6. report      ``report.scope`` (which candidates are quotes under the guideline, ``--scope``),
               ``report.kinds`` (speech, writing, thought, finding), ``report.build`` (confidence, and the
               ``Extraction`` of one parsed article)

Beside the stages, not one of them: ``handoff`` (``Quoted``, ``Attribution``, ``Candidate``: the frozen,
offset-only values the stages hand each other; ``text.offsets`` is the one place offsets become tokens)
and ``confidence`` (every confidence constant, set by the stages that grade a quote and combined by
``report.build``). ``saidwhat.pipeline.Extractor`` runs the stages: one
model load, then articles in and Extractions out.
"""

STAGES: tuple[str, ...] = ("text", "quotes", "cues", "candidates", "speakers", "report")
