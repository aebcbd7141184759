"""What a service refuses, with a message a user can act on; the API maps `status` to the HTTP code."""


class ServiceError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    status = 404


class InvalidInput(ServiceError):
    status = 422


class TooLarge(ServiceError):
    status = 413


class Forbidden(ServiceError):
    status = 403


class TooManyRequests(ServiceError):
    status = 429

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StorageUnavailable(ServiceError):
    status = 507


class NameTaken(ServiceError):
    status = 409


class Conflict(ServiceError):
    """What is asked cannot be done in the state the thing is in now (a poll that is not open)."""
    status = 409
