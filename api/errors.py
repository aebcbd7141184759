"""Every refusal as `{"error": "what is wrong"}` with its HTTP status."""
from collections.abc import Sequence

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from i18n import _
from services.errors import ServiceError, TooManyRequests


async def service_error_response(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ServiceError), 'registered for ServiceError'
    headers = {'Retry-After': str(error.retry_after)} if isinstance(error, TooManyRequests) else None
    return JSONResponse({'error': error.message}, status_code=error.status, headers=headers)


async def validation_error_response(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError), 'registered for RequestValidationError'
    problems = [_describe(problem) for problem in error.errors()]
    return JSONResponse({'error': '; '.join(problems), 'details': _jsonable(error.errors())}, status_code=422)


HANDLERS = {ServiceError: service_error_response, RequestValidationError: validation_error_response}


def _describe(problem: dict) -> str:
    if problem.get('type') == 'json_invalid':
        return _('The request body is not valid JSON.')
    location = list(problem.get('loc', ()))
    field = '.'.join(str(part) for part in location[1:] if location and location[0] in ('body', 'query', 'path'))
    return f'{field}: {problem.get("msg", "invalid")}' if field else problem.get('msg', 'invalid request')


def _jsonable(errors: Sequence[dict]) -> list[dict]:
    return [{key: value for key, value in error.items() if key in ('type', 'loc', 'msg')} for error in errors]
