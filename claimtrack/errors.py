"""Domain errors raised by services; adapters (admin, API, commands) turn them into messages."""


class ApplicationError(Exception):
    def __init__(self, message: str, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class ActionNotPermitted(ApplicationError):
    """The actor lacks the permission a service requires (the API answers 403)."""


class DecisionConflict(ApplicationError):
    """Someone else already decided, or the row changed meanwhile (the API answers 409)."""
