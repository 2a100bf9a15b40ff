"""/v1/speakers: the people and bodies quoted, merged across articles, and their quotes."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from ...extensions.problems import ProblemError
from ...store.db import get_db
from ...store.models import MAX_ID, Speaker
from ...store.views import speaker_items, speaker_search
from ..quotes.routes import filters_from, page_or_stream
from ..quotes.schemas import QuoteFilterArgsSchema, QuotePageSchema
from .schemas import SpeakerPageSchema, SpeakerQueryArgsSchema, StoredSpeakerSchema

blp = Blueprint("speakers", __name__, url_prefix="/v1", description="Speakers across every stored article")


@blp.route("/speakers")
class Speakers(MethodView):
    @blp.arguments(SpeakerQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, SpeakerPageSchema)
    @blp.alt_response(422, description="A query argument is not valid")
    def get(self, args: dict[str, Any]):
        """Speakers, optionally by name, with quote counts, titles and organisations."""
        with get_db().read() as session:
            found = speaker_search(session, args.get("q"), args["limit"] + 1, args.get("cursor"))
            items = speaker_items(session, found[:args["limit"]])
        following = None
        if len(found) > args["limit"]:
            rest = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
            following = request.path + "?" + urlencode(rest + [("cursor", items[-1]["id"])])
        return {"items": items, "next": following}


def existing_speaker(speaker_id: int) -> dict[str, Any]:
    with get_db().read() as session:
        speaker = session.get(Speaker, speaker_id)
        if speaker is None:
            raise ProblemError(404, "Not Found", f"no speaker {speaker_id}")
        return speaker_items(session, [speaker])[0]


@blp.route(f"/speakers/<int(min=1, max={MAX_ID}):speaker_id>")
class SpeakerById(MethodView):
    @blp.response(200, StoredSpeakerSchema)
    @blp.alt_response(404, description="No such speaker")
    def get(self, speaker_id: int):
        """One speaker: counts, first and last seen, and every title and organisation with dates."""
        return existing_speaker(speaker_id)


@blp.route(f"/speakers/<int(min=1, max={MAX_ID}):speaker_id>/quotes")
class SpeakerQuotes(MethodView):
    @blp.arguments(QuoteFilterArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, QuotePageSchema)
    @blp.alt_response(404, description="No such speaker")
    @blp.alt_response(422, description="A filter is not valid")
    def get(self, args: dict[str, Any], speaker_id: int):
        """A speaker's quotes, newest first, with the same filters as /v1/quotes."""
        existing_speaker(speaker_id)
        return page_or_stream(args, filters_from(args, speaker=str(speaker_id)))
