"""Articles written for the tests, shared by conftest's fixtures and the tests that read them directly
(a module of its own: ``conftest`` is a name that tests/adversarial has too)."""

from __future__ import annotations

from pathlib import Path

from saidwhat import Article

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


HOLLOWAY_1 = (
    "Mayor Jane Holloway opened the new harbour bridge on Monday after three years of building work.\n\n"
    '"This bridge joins two towns that have waited far too long," Holloway said at the ceremony.\n\n'
    "Councillor Tom Baker said the project had run over budget by four million pounds. "
    '"We will keep asking where the money went," Baker told reporters.\n\n'
    "Holloway added that tolls would be dropped within a year."
)
HOLLOWAY_2 = (
    "Mayor Jane Holloway defended the harbour budget on Thursday.\n\n"
    '"Every pound was spent in the open, and the accounts are public," Holloway said.\n\n'
    "The mayor said an audit would be published in the spring."
)
HOSTILE = (
    'Protesters carried signs reading <script>alert("pwned")</script> outside the town hall on Tuesday.\n\n'
    '"Put <b onmouseover="alert(1)">this</b> in your paper and see what happens," said Sara Lind, '
    "a spokeswoman for the residents' group.\n\n"
    'Lind said the group would meet again next week & would bring "more <img src=x onerror=alert(2)> signs".'
)
UNDATED = (
    "Fire chief Omar Haddad warned residents about dry weather.\n\n"
    '"Please do not light barbecues in the park this weekend," Haddad said.'
)

WEB_ARTICLES = [
    Article(
        id="bridge-opens",
        text=HOLLOWAY_1,
        title="Harbour bridge opens",
        date="2024-03-04",
        source="Riverside Gazette",
    ),
    Article(
        id="budget",
        text=HOLLOWAY_2,
        title="Mayor defends bridge budget",
        date="2024-03-07",
        source="Riverside Gazette",
    ),
    Article(
        id="protest",
        text=HOSTILE,
        title='Protest at <i>town hall</i> "signs"',
        date="2024-03-05",
        source="Evening Post",
    ),
    Article(id="fire", text=UNDATED, title="Fire warning", source="Evening Post"),
]
