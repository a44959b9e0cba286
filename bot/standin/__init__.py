"""A local stand-in for the Telegram Bot API, for the e2e tests and `citybot console`."""

from bot.standin.driver import StandIn
from bot.standin.errors import ApiError, StandInError
from bot.standin.state import ApiCall, CallbackAnswer, Edit

__all__ = ["ApiCall", "ApiError", "CallbackAnswer", "Edit", "StandIn", "StandInError"]
