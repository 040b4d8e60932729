"""One error type that carries a translatable user message.

Services raise subclasses of :class:`TrainingAppError`; the UI (``ui/feedback.py``) and the CLI turn them into a
translated message. The message key must exist in the i18n catalog (a test checks every key used here).
"""

from __future__ import annotations

from typing import Any


class TrainingAppError(Exception):
    """An expected failure with a message a user can read (in zh and en through the i18n catalog)."""

    default_key = "errors.generic"

    def __init__(self, message_key: str | None = None, **params: Any) -> None:
        self.message_key = message_key or self.default_key
        self.params = params
        super().__init__(f"{self.message_key} {params}" if params else self.message_key)

    def message(self, lang: str = "zh") -> str:
        from training_app.i18n import t

        return t(self.message_key, lang, **self.params)

    def bilingual(self) -> str:
        """One line for the command line: the Chinese message, then the English one."""
        zh, en = self.message("zh"), self.message("en")
        return zh if zh == en else f"{zh} / {en}"


class NotFound(TrainingAppError):
    default_key = "errors.not_found"


class PermissionDenied(TrainingAppError):
    default_key = "errors.permission_denied"


class InvalidInput(TrainingAppError):
    default_key = "errors.invalid_input"


class Conflict(TrainingAppError):
    default_key = "errors.conflict"


class AuthenticationFailed(TrainingAppError):
    default_key = "errors.auth_failed"


class RateLimited(TrainingAppError):
    default_key = "errors.rate_limited"


class InputRejected(TrainingAppError):
    """A submitted file was refused (format, size, duration, content)."""

    default_key = "errors.input_rejected"


class ConfigurationError(TrainingAppError):
    default_key = "errors.configuration"
