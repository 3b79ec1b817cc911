"""The "paste an article" page: a form that extracts live and shows the result highlighted, no script needed."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from saidwhat.errors import InputError, TooSlowError
from saidwhat.web.extraction import LiveExtractor
from saidwhat.web.render import page
from saidwhat.web.views import from_extraction

router = APIRouter(include_in_schema=False)


@router.get("/paste", name="paste")
def paste_form(request: Request) -> Response:
    return page(
        request, "paste.html", {"nav": "paste", "text": "", "kind": "text", "view": None, "problem": None}
    )


@router.post("/paste", name="paste_extract")
async def paste_extract(
    request: Request,
    text: Annotated[str, Form(max_length=5_000_000)] = "",
    kind: Annotated[Literal["text", "html"], Form()] = "text",
) -> Response:
    live: LiveExtractor = request.app.state.live
    context: dict[str, object] = {"nav": "paste", "text": text, "kind": kind, "view": None, "problem": None}
    try:
        if kind == "html":
            result = await live.run_async(
                article_id="pasted", html=text, disconnected=request.is_disconnected
            )
        else:
            result = await live.run_async(
                article_id="pasted", text=text, disconnected=request.is_disconnected
            )
    except (InputError, TooSlowError) as exc:
        context["problem"] = str(exc)
        return page(request, "paste.html", context, status=exc.status)
    context["view"] = from_extraction(result.extraction, result.text, result.title)
    return page(request, "paste.html", context)
