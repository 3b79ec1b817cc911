"""``POST /api/extract``: an article in (text or HTML), who said what out, in the EVAL.md contract."""

from __future__ import annotations

from fastapi import APIRouter, Request

from saidwhat.web.extraction import LiveExtractor
from saidwhat.web.schemas import ErrorBody, ExtractRequest, ExtractResponse

router = APIRouter(prefix="/api", tags=["extraction"])

ERRORS = {
    400: {
        "model": ErrorBody,
        "description": "the input is not an article (empty, binary, no text in the HTML)",
    },
    413: {"model": ErrorBody, "description": "the body or the article text is over the size limit"},
    422: {
        "model": ErrorBody,
        "description": "the JSON body is malformed, or the article took longer than the time budget",
    },
    503: {"model": ErrorBody, "description": "too many extractions are waiting; try again shortly"},
}


@router.post("/extract", response_model=ExtractResponse, responses=ERRORS)  # type: ignore[arg-type]
async def extract(body: ExtractRequest, request: Request) -> ExtractResponse:
    """Find the quotes, their speakers and cues in one article. Offsets point into the returned ``text``."""
    live: LiveExtractor = request.app.state.live
    result = await live.run_async(
        article_id=body.id, text=body.text, html=body.html, disconnected=request.is_disconnected
    )
    data = result.extraction.to_dict()
    return ExtractResponse.model_validate({**data, "text": result.text, "title": result.title})
