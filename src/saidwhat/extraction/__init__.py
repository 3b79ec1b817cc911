"""Finding who said what in one article, in the order the data flows.

Each module is one stage; each reads what the stages before it made (frozen values with character
offsets into the article's text) and nothing after it:

1. loading       ``loading`` (the only module that loads spaCy), ``fastannotate`` (its cached tagger
                 rules): Article text -> parsed Doc
2. marks         ``marks``: quotation marks paired -> ``Quoted``; ``ranges`` holds offset helpers
3. cues          ``cues`` (reporting verbs, "according to", speech nouns, stance adjectives -> ``Attribution``),
                 ``cue_model`` (the logistic model that scores each verb), ``special_cues`` (transcript
                 labels, dash credits, an introducing colon), ``layout`` (link lines, captions, labels)
4. not-speech    ``not_speech``: titles, document wording and scare quotes
5. pairing       ``pairing``: which cue owns which quote, and its type -> ``Candidate`` (``candidate``)
6. joining       ``joining``: halves of interrupted quotes, quotes that continue a speaker
7. speakers      ``names`` (names in the Doc), ``gazetteer`` (places, particles), ``speakers`` (mentions
                 resolved within the article -> ``Speaker``), ``gender``
8. kinds, confidence  ``kinds`` (speech, writing, thought, finding), ``confidence`` (every constant)
9. build         ``build``: the ``Extraction`` of one parsed article

``saidwhat.pipeline.Extractor`` runs them: one model load, then articles in and Extractions out.
"""
